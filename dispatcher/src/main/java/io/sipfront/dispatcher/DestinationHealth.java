package io.sipfront.dispatcher;

import io.sipfront.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What Sipfront knows about one destination of one set, shared by every lane. The call path only reads volatile
 * fields and bumps atomics; probe results and operator actions (a few per second at most) take this object's lock.
 */
public final class DestinationHealth {
    private final String set;
    private volatile Destination destination;
    private final Clock clock;
    private final HealthListener listener;
    private volatile HealthSettings settings;

    // Written under the lock, read without it.
    private volatile HealthState probeState = HealthState.ACTIVE;
    private volatile boolean passiveDegraded;
    private volatile boolean disabled;
    private volatile boolean draining;
    /** Suspected after this node's own live call failed here. */
    private volatile boolean suspect;
    /** Suspected because the peer node reported it down or unwell (shared state); never published back. */
    private volatile boolean suspectByPeer;
    private volatile HealthState published = HealthState.ACTIVE;
    private int consecutiveMisses;
    private int consecutiveSuccesses;

    private volatile long lastProbeMillis;
    private volatile int lastProbeCode;
    private volatile long lastProbeRttMillis = -1;

    private final AtomicInteger callsInProgress = new AtomicInteger();
    /** Second (high bits) and calls started in it (low 20 bits), for max_cps. */
    private final AtomicLong cpsWindow = new AtomicLong();
    private final SlidingErrorWindow window;
    private volatile String problem;
    public final LongAdder attempts = new LongAdder();
    public final LongAdder failures = new LongAdder();
    public final LongAdder answered = new LongAdder();
    public final LongAdder probesSent = new LongAdder();
    public final LongAdder probeMisses = new LongAdder();

    public DestinationHealth(String set, Destination destination, HealthSettings settings, Clock clock,
                             HealthListener listener) {
        this.set = set;
        this.destination = destination;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.window = new SlidingErrorWindow(clock);
    }

    public String set() {
        return set;
    }

    public Destination destination() {
        return destination;
    }

    public HealthSettings settings() {
        return settings;
    }

    /** A reload changed the destination's limits or weights or the set's health settings; the learnt state stays. */
    synchronized void update(Destination newDestination, HealthSettings newSettings) {
        this.destination = newDestination;
        this.settings = newSettings;
        if (!newSettings.probe()) {
            // Nothing would ever clear what the probes learnt.
            probeState = HealthState.ACTIVE;
            suspect = false;
            suspectByPeer = false;
            consecutiveMisses = 0;
            consecutiveSuccesses = 0;
        }
        if (newSettings.passiveErrorPercent() == 0) {
            passiveDegraded = false;
        }
        publish("config reloaded");
    }

    /** The state the selection and the API see. */
    public HealthState state() {
        return published;
    }

    /** A live call just timed out or got 503 here, or the peer reported it unwell; cleared by the next good probe. */
    public boolean suspect() {
        return suspect || suspectByPeer;
    }

    /** Only this node's own suspicion (a failed live call), which is what it shares with its peer. */
    public boolean suspectByOwnCalls() {
        return suspect;
    }

    /**
     * The peer reported this destination inactive, degraded or suspect: treat it as suspect until this node's own
     * next good probe. Ignored (false) when the set does not probe, since nothing would ever clear it.
     */
    public synchronized boolean markSuspectByPeer() {
        if (!settings.probe() || probeState == HealthState.INACTIVE) {
            return false;
        }
        suspectByPeer = true;
        return true;
    }

    /** What probes and passive health say, ignoring the operator: the observation shared with the peer. */
    public HealthState observedState() {
        HealthState p = probeState;
        if (p == HealthState.INACTIVE) {
            return p;
        }
        return p == HealthState.DEGRADED || passiveDegraded ? HealthState.DEGRADED : HealthState.ACTIVE;
    }

    public boolean draining() {
        return draining;
    }

    public int callsInProgress() {
        return callsInProgress.get();
    }

    public long lastProbeMillis() {
        return lastProbeMillis;
    }

    public int lastProbeCode() {
        return lastProbeCode;
    }

    public long lastProbeRttMillis() {
        return lastProbeRttMillis;
    }

    /**
     * Why the destination last failed, in the operator's words (a probe timeout, a TLS handshake refused for an
     * expired or wrong-name certificate); null after a good probe, or while nothing has failed.
     */
    public String problem() {
        return problem;
    }

    /** A live call could not be sent here for {@code why} (e.g. a failed TLS handshake): shown until a good probe. */
    public void noteProblem(String why) {
        problem = why;
    }

    // ---- probes ----

    /** A probe answered with {@code status} after {@code rttMillis}. */
    public synchronized void probeAnswered(int status, long rttMillis) {
        lastProbeMillis = clock.currentTimeMillis();
        lastProbeCode = status;
        lastProbeRttMillis = rttMillis;
        consecutiveMisses = 0;
        problem = settings.isUp(status) ? null : "probe answered " + status;
        if (settings.isUp(status)) {
            consecutiveSuccesses++;
            suspect = false;
            suspectByPeer = false;
            if (probeState == HealthState.ACTIVE || consecutiveSuccesses >= settings.successes()) {
                probeState = HealthState.ACTIVE;
            }
        } else {
            consecutiveSuccesses = 0;
            probeState = HealthState.DEGRADED;
        }
        publish("probe answered " + status);
    }

    /** A probe got no answer within the timeout, or could not be sent. */
    public synchronized void probeMissed(String why) {
        lastProbeMillis = clock.currentTimeMillis();
        lastProbeCode = 0;
        lastProbeRttMillis = -1;
        probeMisses.increment();
        problem = why;
        consecutiveSuccesses = 0;
        consecutiveMisses++;
        if (consecutiveMisses >= settings.misses()) {
            probeState = HealthState.INACTIVE;
        }
        publish("probe " + why + " (" + consecutiveMisses + " in a row)");
    }

    // ---- live calls ----

    /**
     * Takes one call slot if {@code max_calls} and {@code max_cps} allow; the caller must {@link #callEnded()} once
     * the call is over (or its attempt failed).
     */
    public boolean tryStartCall() {
        int max = destination.maxCalls();
        while (true) {
            int now = callsInProgress.get();
            if (max > 0 && now >= max) {
                return false;
            }
            if (callsInProgress.compareAndSet(now, now + 1)) {
                break;
            }
        }
        if (!tryTakeCpsToken()) {
            callsInProgress.decrementAndGet();
            return false;
        }
        attempts.increment();
        return true;
    }

    private boolean tryTakeCpsToken() {
        int max = destination.maxCps();
        if (max == 0) {
            return true;
        }
        long second = clock.nanoTime() / 1_000_000_000L;
        while (true) {
            long w = cpsWindow.get();
            long wSecond = w >>> 20;
            long count = wSecond == (second & 0xFFFFFFFFFFFL) ? w & 0xFFFFF : 0;
            if (count >= max) {
                return false;
            }
            long next = ((second & 0xFFFFFFFFFFFL) << 20) | (count + 1);
            if (cpsWindow.compareAndSet(w, next)) {
                return true;
            }
        }
    }

    public void callEnded() {
        callsInProgress.decrementAndGet();
        if (draining && callsInProgress.get() <= 0) {
            synchronized (this) {
                publish("drained");
            }
        }
    }

    /**
     * How a live attempt ended. {@code failed}: a timeout, transport error, 408 or 5xx from this destination;
     * {@code suspicious}: a timeout or 503, which also marks it suspect until the next good probe.
     */
    public void callOutcome(boolean failed, boolean suspicious) {
        if (failed) {
            failures.increment();
        } else {
            answered.increment();
        }
        if (suspicious && settings.probe() && !suspect) {
            suspect = true;
            listener.suspected(this);
        }
        int percent = settings.passiveErrorPercent();
        if (percent == 0) {
            return;
        }
        window.record(failed);
        long[] t = window.totals();
        boolean over = t[0] >= settings.passiveMinCalls() && t[1] * 100 >= (long) percent * t[0];
        if (over != passiveDegraded) {
            synchronized (this) {
                passiveDegraded = over;
                publish(over ? "live-call errors " + t[1] + "/" + t[0] + " in 30 s" : "live-call errors back under "
                        + percent + "%");
            }
        }
    }

    // ---- operator ----

    public synchronized void disable() {
        disabled = true;
        draining = false;
        publish("disabled by operator");
    }

    /** No new calls; calls in progress finish where they are. */
    public synchronized void drain() {
        disabled = true;
        draining = true;
        publish("draining by operator");
    }

    public synchronized void enable() {
        disabled = false;
        draining = false;
        publish("enabled by operator");
    }

    /** Draining and no call in progress any more. */
    public boolean drained() {
        return draining && callsInProgress.get() <= 0;
    }

    private void publish(String why) {
        HealthState next;
        if (disabled) {
            next = HealthState.DISABLED;
        } else if (probeState == HealthState.INACTIVE) {
            next = HealthState.INACTIVE;
        } else if (probeState == HealthState.DEGRADED || passiveDegraded) {
            next = HealthState.DEGRADED;
        } else {
            next = HealthState.ACTIVE;
        }
        HealthState before = published;
        published = next;
        if (before != next) {
            listener.changed(this, before, next, why);
        }
    }

    @Override
    public String toString() {
        return set + "/" + destination.id() + "[" + published.apiName() + "]";
    }
}
