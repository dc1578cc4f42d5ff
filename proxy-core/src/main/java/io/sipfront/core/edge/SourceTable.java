package io.sipfront.core.edge;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Request counts and bans per source IP, in a fixed number of slots, without locks: what an event loop consults for
 * every datagram before parsing it, so a flood from any number of spoofed addresses can neither grow the heap nor
 * make a thread wait.
 *
 * <p>An address hashes to a bucket of {@link #WAYS} slots. A new address takes an empty slot of its bucket, else the
 * one seen longest ago, sparing bans where it can (a banned source must stay banned while fresh addresses pour in).
 * Slots change by compare-and-set of immutable keys; two threads that meet a new address at the same moment may
 * create two entries for it, which only splits its count for a moment.
 *
 * <p>Counts use a sliding window approximated from two fixed windows (the current one plus the previous one weighted
 * by how much of it still overlaps), packed into one {@code long} per source and updated by CAS.
 */
public final class SourceTable {
    static final int WAYS = 4;
    private static final long IPV4_MARK = 0x7fff_ffff_ffff_fffeL;
    private static final int COUNT_MAX = 0xffff;

    /** One tracked source. Times are milliseconds of the monotonic clock. */
    public static final class Entry {
        final long hi;
        final long lo;
        private final InetAddress address;
        /** Window index (32 bits) | previous window's count (16) | current window's count (16). */
        private final AtomicLong window = new AtomicLong();
        private volatile long lastSeenMs;
        /** When the ban ends; 0: not banned. */
        private final AtomicLong bannedUntilMs = new AtomicLong();
        /** Why it was banned, for the API; written before the ban is visible. */
        private volatile String reason;
        private volatile long bannedAtMs;

        Entry(long hi, long lo, InetAddress address, long nowMs) {
            this.hi = hi;
            this.lo = lo;
            this.address = address;
            this.lastSeenMs = nowMs;
        }

        public InetAddress address() {
            return address;
        }

        public String reason() {
            return reason;
        }

        public long bannedAtMs() {
            return bannedAtMs;
        }

        public long bannedUntilMs() {
            return bannedUntilMs.get();
        }

        /** Banned at {@code nowMs} (an expired ban still counts until {@link #endBanIfExpired} clears it). */
        public boolean banned(long nowMs) {
            long until = bannedUntilMs.get();
            return until != 0 && until - nowMs > 0;
        }

        /** Counts one request; returns the requests of the sliding window ending now, this one included. */
        int count(long nowMs, long windowMs) {
            lastSeenMs = nowMs;
            long index = nowMs / windowMs;
            while (true) {
                long state = window.get();
                long stateIndex = state >>> 32;
                int prev = (int) (state >>> 16) & COUNT_MAX;
                int cur = (int) state & COUNT_MAX;
                if (stateIndex == (index & 0xffff_ffffL)) {
                    cur = Math.min(COUNT_MAX, cur + 1);
                } else if (stateIndex == ((index - 1) & 0xffff_ffffL)) {
                    prev = cur;
                    cur = 1;
                } else {
                    prev = 0;
                    cur = 1;
                }
                long next = ((index & 0xffff_ffffL) << 32) | ((long) prev << 16) | cur;
                if (window.compareAndSet(state, next)) {
                    long overlap = windowMs - nowMs % windowMs;
                    return (int) (prev * overlap / windowMs) + cur;
                }
            }
        }

        /** Bans until {@code untilMs}; true when it was not banned before (a new ban, to be reported once). */
        boolean ban(long nowMs, long untilMs, String why) {
            while (true) {
                long current = bannedUntilMs.get();
                boolean fresh = current == 0;
                if (fresh) {
                    reason = why;
                    bannedAtMs = nowMs;
                }
                if (!fresh && current - untilMs >= 0) {
                    return false;
                }
                if (bannedUntilMs.compareAndSet(current, untilMs)) {
                    return fresh;
                }
            }
        }

        /**
         * Ends a ban whose time is up; true for the one caller that ended it. The count starts again from zero: the
         * ban only ran out because the source stayed under the threshold for the whole ban, and the two-window
         * estimate would otherwise still weigh in flood traffic from before that.
         */
        boolean endBanIfExpired(long nowMs) {
            long until = bannedUntilMs.get();
            if (until != 0 && until - nowMs <= 0 && bannedUntilMs.compareAndSet(until, 0)) {
                window.set(0);
                return true;
            }
            return false;
        }

        /** Lifts a ban now and forgets the count; true when it was banned. */
        boolean unban() {
            window.set(0);
            return bannedUntilMs.getAndSet(0) != 0;
        }
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;
    private final java.util.concurrent.atomic.LongAdder evictions = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder bansEvicted = new java.util.concurrent.atomic.LongAdder();

    /** @param capacity sources tracked at once; rounded up to a power of two, at least {@link #WAYS} */
    public SourceTable(int capacity) {
        int size = WAYS;
        while (size < capacity) {
            size <<= 1;
        }
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = slots.length() - 1;
    }

    public int capacity() {
        return slots.length();
    }

    /** The entry of {@code address}, creating it (and evicting another) when it is not tracked yet. */
    public Entry track(InetAddress address, long nowMs) {
        long hi;
        long lo;
        if (address instanceof Inet4Address) {
            hi = IPV4_MARK;
            lo = address.hashCode() & 0xffff_ffffL; // Inet4Address.hashCode is the address: no allocation
        } else {
            byte[] b = address.getAddress();
            hi = bytesToLong(b, 0);
            lo = bytesToLong(b, 8);
        }
        int bucket = mix(hi, lo) & mask & ~(WAYS - 1);
        for (int attempt = 0; attempt < 3; attempt++) {
            int empty = -1;
            int victim = 0;
            long victimScore = Long.MAX_VALUE;
            for (int i = 0; i < WAYS; i++) {
                Entry e = slots.get(bucket + i);
                if (e == null) {
                    if (empty < 0) {
                        empty = i;
                    }
                    continue;
                }
                if (e.hi == hi && e.lo == lo) {
                    return e;
                }
                // Quiet sources go first; a ban only when every slot holds one, the one ending first.
                long score = e.banned(nowMs) ? Long.MAX_VALUE / 2 + (e.bannedUntilMs() - nowMs) : e.lastSeenMs;
                if (score < victimScore) {
                    victim = i;
                    victimScore = score;
                }
            }
            if (empty >= 0) {
                victim = empty;
            }
            Entry victimEntry = slots.get(bucket + victim);
            Entry fresh = new Entry(hi, lo, address, nowMs);
            if (slots.compareAndSet(bucket + victim, victimEntry, fresh)) {
                if (victimEntry != null) {
                    evictions.increment();
                    if (victimEntry.banned(nowMs)) {
                        bansEvicted.increment();
                    }
                }
                return fresh;
            }
        }
        // Lost the race three times: count this request on its own, untracked.
        return new Entry(hi, lo, address, nowMs);
    }

    /** The entry of {@code address} if tracked, without creating one. */
    public Entry find(InetAddress address) {
        for (int i = 0; i < slots.length(); i++) {
            Entry e = slots.get(i);
            if (e != null && e.address.equals(address)) {
                return e;
            }
        }
        return null;
    }

    /** Sources tracked now (a scan of the table: for the API and metrics, not the packet path). */
    public int size() {
        int n = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    /** Every entry now (a snapshot, for the API and the sweep). */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < slots.length(); i++) {
            Entry e = slots.get(i);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** Sources that had to make room for a new one. */
    public long evictions() {
        return evictions.sum();
    }

    /** Bans lost because every slot of a bucket held a ban. */
    public long bansEvicted() {
        return bansEvicted.sum();
    }

    private static long bytesToLong(byte[] b, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    private static int mix(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }
}
