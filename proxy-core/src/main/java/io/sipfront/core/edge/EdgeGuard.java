package io.sipfront.core.edge;

import io.sipfront.config.AddressMatch;
import io.sipfront.config.CarrierSettings;
import io.sipfront.config.EdgeSettings;
import io.sipfront.config.SourceSettings;
import io.sipfront.core.sip.PreScan;
import io.sipfront.time.Clock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first look at every message, on the event loop that read it and before it is parsed: counts requests per
 * source IP ({@link SourceTable}), bans unknown sources over the flood threshold, drops what banned sources and
 * scanners send, and tells a carrier over its own request limit apart (503). The platform and trusted addresses pass
 * untouched. Bans and their ends are logged once each.
 */
public final class EdgeGuard {
    private static final Logger log = LoggerFactory.getLogger(EdgeGuard.class);

    /** What to do with one message. */
    public enum Verdict {
        /** Parse and handle it as usual. */
        PASS,
        /** No answer at all, and no parse. */
        DROP,
        /** A carrier over its request limit: answer 503 with Retry-After (a request), never forward. */
        REJECT
    }

    private record State(EdgeSettings settings, Peer.Match[] matches, String[] scanners) {
    }

    private final Clock clock;
    private final SourceTable table;
    private final EdgeStats stats;
    private final int maxHeaders;
    private volatile State state;

    public EdgeGuard(Clock clock, EdgeSettings settings, SourceSettings sources, int maxHeaders, EdgeStats stats) {
        this.clock = clock;
        this.table = new SourceTable(settings.flood().tableSize());
        this.stats = stats;
        this.maxHeaders = maxHeaders;
        apply(settings, sources);
    }

    /** A reload. Bans of addresses that are now trusted, the platform or a carrier that is not banned are lifted. */
    public void apply(EdgeSettings settings, SourceSettings sources) {
        List<Peer.Match> list = new ArrayList<>();
        for (AddressMatch m : sources.platform()) {
            list.add(new Peer.Match(m, Peer.TRUSTED));
        }
        for (CarrierSettings c : sources.carriers()) {
            Peer peer = new Peer(Peer.Kind.CARRIER, c.name(), settings.carrier(c.name()));
            for (AddressMatch m : c.addresses()) {
                list.add(new Peer.Match(m, peer));
            }
        }
        list.sort(Comparator.comparing((Peer.Match m) -> m.match().port() == 0)
                .thenComparing(m -> -m.match().prefixLength()));
        List<Peer.Match> all = new ArrayList<>();
        for (AddressMatch m : settings.trusted()) {
            all.add(new Peer.Match(m, Peer.TRUSTED)); // first: trusted wins over any other entry
        }
        all.addAll(list);
        state = new State(settings, all.toArray(new Peer.Match[0]),
                settings.scannerAgents().toArray(new String[0]));
        for (SourceTable.Entry e : table.entries()) {
            Peer peer = peerOf(new InetSocketAddress(e.address(), 0));
            boolean mayBeBanned = peer.kind() == Peer.Kind.UNKNOWN
                    || (peer.limits() != null && peer.limits().banOverLimit());
            if (!mayBeBanned && e.unban()) {
                unbanned(e, "it is now " + peer.name());
            }
        }
    }

    /** The verdict on one message from {@code source}, from its first bytes only. */
    public Verdict inspect(byte[] bytes, InetSocketAddress source) {
        State s = state;
        if (!s.settings().enabled()) {
            return Verdict.PASS;
        }
        Peer peer = peerOf(source);
        return switch (peer.kind()) {
            case TRUSTED -> Verdict.PASS;
            case CARRIER -> carrier(s, peer.limits(), bytes, source.getAddress());
            case UNKNOWN -> unknown(s, bytes, source.getAddress());
        };
    }

    private Verdict carrier(State s, EdgeSettings.Limits limits, byte[] bytes, InetAddress address) {
        if (limits == null || limits.maxRequests() == 0 || PreScan.looksLikeResponse(bytes)) {
            return Verdict.PASS; // responses to our own requests are never limited
        }
        long now = nowMs();
        SourceTable.Entry e = table.track(address, now);
        int count = e.count(now, s.settings().flood().windowMs());
        if (e.banned(now)) {
            stats.droppedBanned.increment();
            return Verdict.DROP;
        }
        endIfExpired(e, now);
        if (count <= limits.maxRequests()) {
            return Verdict.PASS;
        }
        if (limits.banOverLimit()) {
            ban(s, e, now, count, "carrier " + limits.name() + " over max_requests");
            stats.droppedBanned.increment();
            return Verdict.DROP;
        }
        stats.carrierFlood503.increment();
        return Verdict.REJECT;
    }

    private Verdict unknown(State s, byte[] bytes, InetAddress address) {
        long now = nowMs();
        EdgeSettings.Flood flood = s.settings().flood();
        SourceTable.Entry e = table.track(address, now);
        int count = e.count(now, flood.windowMs());
        boolean over = flood.maxRequests() > 0 && count > flood.maxRequests();
        if (e.banned(now)) {
            if (over) {
                ban(s, e, now, count, "flood"); // still flooding: the ban runs from now
            }
            stats.droppedBanned.increment();
            return Verdict.DROP;
        }
        endIfExpired(e, now);
        if (over) {
            ban(s, e, now, count, "flood");
            stats.droppedBanned.increment();
            return Verdict.DROP;
        }
        if (s.scanners().length > 0 && isScanner(s, bytes)) {
            stats.droppedScanner.increment();
            return Verdict.DROP;
        }
        return Verdict.PASS;
    }

    private boolean isScanner(State s, byte[] bytes) {
        PreScan scan = PreScan.of(bytes, maxHeaders);
        String ua = scan.isRequest() ? scan.userAgent() : null;
        if (ua == null) {
            return false;
        }
        String lower = ua.toLowerCase(Locale.ROOT);
        for (String agent : s.scanners()) {
            if (lower.contains(agent)) {
                return true;
            }
        }
        return false;
    }

    private void ban(State s, SourceTable.Entry e, long now, int count, String why) {
        long banMs = s.settings().flood().banMs();
        if (e.ban(now, now + banMs, why)) {
            stats.bans.increment();
            log.warn("banned {} for {} s: {} requests in {} s ({})", e.address().getHostAddress(), banMs / 1000,
                    count, s.settings().flood().windowMs() / 1000, why);
        }
    }

    private void endIfExpired(SourceTable.Entry e, long now) {
        if (e.endBanIfExpired(now)) {
            unbanned(e, "the ban expired");
        }
    }

    private void unbanned(SourceTable.Entry e, String why) {
        stats.unbans.increment();
        log.warn("unbanned {}: {}", e.address().getHostAddress(), why);
    }

    /** Ends expired bans (logged and counted even when the source has gone quiet); run about once a second. */
    public void sweep() {
        long now = nowMs();
        for (SourceTable.Entry e : table.entries()) {
            endIfExpired(e, now);
        }
    }

    /** The bans in force, soonest ending first. */
    public List<Ban> bans() {
        sweep();
        long now = nowMs();
        long wall = clock.currentTimeMillis();
        List<Ban> out = new ArrayList<>();
        for (SourceTable.Entry e : table.entries()) {
            long until = e.bannedUntilMs();
            if (until != 0 && until - now > 0) {
                out.add(new Ban(e.address().getHostAddress(), e.reason(), wall - (now - e.bannedAtMs()),
                        wall + (until - now), (until - now + 999) / 1000));
            }
        }
        out.sort(Comparator.comparingLong(Ban::untilMillis));
        return out;
    }

    /** Lifts the ban of {@code address}; false when it was not banned. */
    public boolean unban(InetAddress address) {
        boolean lifted = false;
        for (SourceTable.Entry e : table.entries()) {
            if (e.address().equals(address) && e.unban()) {
                unbanned(e, "lifted by the operator");
                lifted = true;
            }
        }
        return lifted;
    }

    public SourceTable table() {
        return table;
    }

    private Peer peerOf(InetSocketAddress source) {
        for (Peer.Match m : state.matches()) {
            if (m.matches(source)) {
                return m.peer();
            }
        }
        return Peer.UNKNOWN;
    }

    private long nowMs() {
        return clock.nanoTime() / 1_000_000L;
    }

    /**
     * One ban as the API shows it.
     *
     * @param sinceMillis     wall clock when it began
     * @param untilMillis     wall clock when it ends unless the source keeps flooding
     * @param remainingSeconds until then
     */
    public record Ban(String address, String reason, long sinceMillis, long untilMillis, long remainingSeconds) {
    }
}
