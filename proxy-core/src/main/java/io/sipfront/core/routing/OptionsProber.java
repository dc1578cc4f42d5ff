package io.sipfront.core.routing;

import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.core.time.Timeout;
import io.sipfront.core.tls.TlsHandshakeException;
import io.sipfront.core.transaction.ClientTransaction;
import io.sipfront.core.transaction.ClientTransactionUser;
import io.sipfront.core.transaction.NonInviteClientTransaction;
import io.sipfront.core.transaction.TransactionKeys;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationHealth;
import io.sipfront.dispatcher.HealthSettings;
import io.sipfront.net.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends OPTIONS to every destination of the sets that ask for it, each on its own non-INVITE client transaction
 * on a lane, and feeds the answers into the destination's health. Each destination's ticks run on one "home"
 * lane's timer wheel and start at different offsets, so probes are spread over the interval instead of leaving
 * in one burst. A probe goes out on the lane its Call-ID maps to, because that is where its response arrives.
 */
public final class OptionsProber implements ProbeTrigger {
    private final RoutingEngine engine;
    private final LocalIdentity identity;
    private final Lane[] lanes;
    /** Destinations with a running tick, and whether a probe of theirs is in flight. */
    private final Map<DestinationHealth, AtomicBoolean> probing = new ConcurrentHashMap<>();

    public OptionsProber(RoutingEngine engine, LocalIdentity identity, List<Lane> lanes) {
        this.engine = engine;
        this.identity = identity;
        this.lanes = lanes.toArray(new Lane[0]);
    }

    @Override
    public synchronized void sync() {
        List<DestinationHealth> all = engine.registry().all();
        List<DestinationHealth> fresh = all.stream()
                .filter(h -> h.settings().probe() && !probing.containsKey(h)).toList();
        for (int i = 0; i < fresh.size(); i++) {
            DestinationHealth h = fresh.get(i);
            probing.put(h, new AtomicBoolean());
            long offset = h.settings().intervalMs() * i / fresh.size();
            Lane home = lanes[Math.floorMod((h.set() + "/" + h.destination().id()).hashCode(), lanes.length)];
            home.execute(() -> home.timers().schedule(offset, () -> tick(home, h)));
        }
    }

    /** One interval's probe; stops for good once the destination is gone from the config or stops probing. */
    private void tick(Lane home, DestinationHealth h) {
        HealthSettings settings = h.settings();
        if (!settings.probe() || engine.registry().get(h.set(), h.destination().id()) != h) {
            probing.remove(h);
            return;
        }
        home.timers().schedule(settings.intervalMs(), () -> tick(home, h));
        probeNow(h);
    }

    @Override
    public void probeNow(DestinationHealth h) {
        AtomicBoolean inFlight = probing.get(h);
        if (inFlight == null || !inFlight.compareAndSet(false, true)) {
            return;
        }
        String callId = "probe-" + Long.toHexString(System.nanoTime()) + "-" + Integer.toHexString(h.hashCode())
                + "@sipfront";
        int i = Math.floorMod(callId.hashCode(), lanes.length);
        lanes[i].execute(() -> send(lanes[i], h, callId, inFlight));
    }

    private void send(Lane lane, DestinationHealth h, String callId, AtomicBoolean inFlight) {
        Destination d = h.destination();
        if (d.address().isUnresolved()) {
            // Its name has no answer yet: a DNS problem is transient and never the destination's health.
            inFlight.set(false);
            return;
        }
        Transport transport = d.transport();
        String branch = TransactionKeys.MAGIC_COOKIE + "sfp" + lane.state().nextUnique();
        byte[] bytes = request(d, transport, branch, callId, lane.state().nextUnique());
        long sentNanos = engine.clock().nanoTime();
        h.probesSent.increment();
        ProbeOutcome outcome = new ProbeOutcome(h, inFlight, sentNanos);
        NonInviteClientTransaction tx = new NonInviteClientTransaction(lane.transactions(), branch, "OPTIONS",
                OutboundTarget.of(transport, d.address(), d.domain()), bytes, null, outcome);
        outcome.timeout = lane.timers().schedule(h.settings().timeoutMs(), () -> {
            if (outcome.close()) {
                tx.abandon();
                h.probeMissed("timeout");
            }
        });
        tx.start();
    }

    private byte[] request(Destination d, Transport transport, String branch, String callId, String tag) {
        String host = d.address().getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        String target = "sip:" + host + ":" + d.address().getPort()
                + (transport == Transport.UDP ? "" : ";transport=" + transport.paramName());
        String ours = identity.host(transport);
        String self = ours.indexOf(':') >= 0 && !ours.startsWith("[") ? "[" + ours + "]" : ours;
        String text = "OPTIONS " + target + " SIP/2.0\r\n"
                + via(transport, branch)
                + "Max-Forwards: 70\r\n"
                + "From: <sip:sipfront@" + self + ">;tag=" + tag + "\r\n"
                + "To: <" + target + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "User-Agent: Sipfront health probe\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Our Via (in a cluster it names this node, so a response the balancer hands to a peer comes back here). */
    private String via(Transport transport, String branch) {
        try {
            return identity.via(transport, branch).encode();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("cannot build the probe's Via: " + e.getMessage(), e);
        }
    }

    /** The end of one probe: the first of final answer, timeout or transport error counts. Lane-confined. */
    private final class ProbeOutcome implements ClientTransactionUser {
        private final DestinationHealth health;
        private final AtomicBoolean inFlight;
        private final long sentNanos;
        private Timeout timeout;
        private boolean closed;

        ProbeOutcome(DestinationHealth health, AtomicBoolean inFlight, long sentNanos) {
            this.health = health;
            this.inFlight = inFlight;
            this.sentNanos = sentNanos;
        }

        boolean close() {
            if (closed) {
                return false;
            }
            closed = true;
            inFlight.set(false);
            if (timeout != null) {
                timeout.cancel();
            }
            return true;
        }

        @Override
        public void onResponse(ClientTransaction tx, SIPResponse response) {
            int status = response.getStatusCode();
            if (status >= 200 && close()) {
                long rtt = TimeUnit.NANOSECONDS.toMillis(engine.clock().nanoTime() - sentNanos);
                health.probeAnswered(status, rtt);
                engine.metrics().probeAnswered(health, rtt);
            }
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
            if (close()) {
                health.probeMissed("timeout");
            }
        }

        @Override
        public void onTransportError(ClientTransaction tx, Throwable cause) {
            if (close()) {
                String tls = TlsHandshakeException.reasonOf(cause);
                health.probeMissed(tls != null ? tls : "transport error");
            }
        }
    }
}
