package io.sipfront.core.proxy;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.edge.EdgeGuard;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.routing.OptionsProber;
import io.sipfront.core.sip.ParseOutcome;
import io.sipfront.core.sip.SipParser;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.MessageSink;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.core.transport.SendFailureListener;
import java.util.List;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of every framed message: the edge's look at its source and first bytes ({@link EdgeGuard}: banned
 * sources and scanners are dropped here, unparsed), then it is parsed on the event loop that read it and handed to
 * the lane of its call, chosen by Call-ID, so one call's messages are handled in order on one thread without locks.
 */
public final class SipfrontProxy implements MessageSink {
    private static final Logger log = LoggerFactory.getLogger(SipfrontProxy.class);

    private final ProxyContext p;
    private final SipParser parser;
    private final MessageProcessor processor;
    private final Lane[] lanes;

    public SipfrontProxy(ProxyContext p, SipParser parser, List<Lane> lanes) {
        this.p = p;
        this.parser = parser;
        this.processor = new MessageProcessor(p);
        this.lanes = lanes.toArray(new Lane[0]);
        p.routing().attachProber(new OptionsProber(p.routing(), p.identity(), lanes));
    }

    /**
     * Takes a new validated config: new calls are classified and routed by its {@code sources},
     * {@code routing} and {@code destination_sets}; calls in progress are untouched and destinations that still
     * exist keep their health. The other sections (sockets, timers, limits, proxy) need a restart.
     */
    public void apply(SipfrontConfig config) {
        p.classifier().update(config.sources());
        p.routing().apply(config);
        p.edge().apply(config);
        log.info("applied the routing of {}", config.source() == null ? "a new config" : config.source());
    }

    public ProxyContext context() {
        return p;
    }

    @Override
    public void onMessage(InboundMessage in) {
        EdgeGuard.Verdict verdict = p.edge().guard().inspect(in.bytes(), in.source());
        if (verdict == EdgeGuard.Verdict.DROP) {
            return;
        }
        ParseOutcome outcome = parser.parse(in.bytes(), in.transport());
        if (verdict == EdgeGuard.Verdict.REJECT) {
            if (outcome instanceof ParseOutcome.Parsed parsed && parsed.message() instanceof SIPRequest request
                    && !Request.ACK.equals(request.getMethod())) {
                LocalResponses.reply(p.sender(), request, in, 503, "Service Unavailable",
                        Upstream.retryAfter(p.edge().retryAfterSeconds()));
            }
            return;
        }
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            SIPMessage message = parsed.message();
            int i = Math.floorMod(message.getCallId().getCallId().hashCode(), lanes.length);
            Lane lane = lanes[i];
            lane.execute(() -> processor.handle(lane, message, in));
        } else if (outcome instanceof ParseOutcome.Rejected rejected) {
            p.stats().parseRejected.increment();
            log.debug("rejected a request from {}: {} {}", in.source(), rejected.status(), rejected.reason());
            // Unknown sources get nothing back: no reflection of garbage to arbitrary addresses.
            if (p.classifier().classify(in.source()).known() && rejected.response() != null) {
                p.sender().send(new OutboundTarget(in.transport(), in.source(), in.flow()), rejected.response(),
                        SendFailureListener.IGNORE);
            }
        } else if (outcome instanceof ParseOutcome.Dropped dropped) {
            p.stats().parseDropped.increment();
            log.debug("dropped a message from {}: {}", in.source(), dropped.reason());
        }
    }

    /** Ends expired bans, so their end is logged and counted even when the source has gone quiet. */
    public void sweepEdge() {
        p.edge().guard().sweep();
    }

    /**
     * Transactions alive on all lanes. Read from another thread without a hand-off (a plain int per map), so only
     * approximate while traffic flows; exact once it has stopped.
     */
    public int transactionCount() {
        int n = 0;
        for (Lane lane : lanes) {
            n += lane.state().transactions.serverCount() + lane.state().transactions.clientCount();
        }
        return n;
    }

    /**
     * INVITE server transactions still waiting for a final answer, counted on each lane's own thread: what a
     * draining node waits for before it closes its sockets.
     */
    public java.util.concurrent.CompletableFuture<Integer> unansweredInvites() {
        java.util.concurrent.CompletableFuture<Integer> total = java.util.concurrent.CompletableFuture.completedFuture(0);
        for (Lane lane : lanes) {
            java.util.concurrent.CompletableFuture<Integer> one = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> lane.state().transactions.unansweredInvites(), lane);
            total = total.thenCombine(one, Integer::sum);
        }
        return total;
    }
}
