package io.sipfront.ha;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipfront.ha.config.HaSettings;
import io.sipfront.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the pair: heartbeat, state machine, VIP and notify hook wired together. Start it once the SIP
 * listeners are bound (on the VIP, with IP_FREEBIND), so the node can serve the moment it becomes master.
 */
public final class HaNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HaNode.class);
    static final int KEPT_TRANSITIONS = 20;
    /** How often the tracked checks are read. */
    static final long TRACK_INTERVAL_MS = 100;
    /** Priority-0 adverts sent on a clean stop: one may be lost, the peer needs only one. */
    static final int STOP_ADVERTS = 3;
    /** How long a stopping master keeps the VIP after giving it away (see {@link #close}). */
    static final long HANDOVER_DRAIN_MS = 250;

    private final HaSettings settings;
    private final Clock clock;
    private final HaMetrics metrics;
    private final VipController vip;
    private final NotifyHook notify;
    private final Heartbeat heartbeat;
    private final HaStateMachine machine;
    private final BooleanSupplier sipHealthy;
    private final ArrayDeque<HaStatus.Transition> transitions = new ArrayDeque<>();
    private volatile HaState state = HaState.BACKUP;
    private volatile boolean closing;
    private long lastTrackMs;

    HaNode(HaSettings settings, MeterRegistry registry, Clock clock, CommandRunner runner, MasterLease lease,
           BooleanSupplier sipHealthy) {
        this.settings = settings;
        this.clock = clock;
        this.sipHealthy = sipHealthy;
        this.metrics = new HaMetrics(registry, settings.advertIntervalMs());
        this.vip = new VipController(settings.vip(), runner, runner == CommandRunner.PROCESS ? new IpBatch() : null);
        this.notify = new NotifyHook(settings.notifyCommand(), settings.nodeId(), runner);
        this.heartbeat = new Heartbeat(settings.nodeId(), settings.bind(), settings.peer(),
                settings.advertIntervalMs(), settings.key(), clock, metrics);
        this.machine = new HaStateMachine(settings.nodeId(), settings.priority(), settings.deadIntervalMs(),
                settings.preempt(), settings.preemptDelayMs(), lease, new Effects());
        Gauge.builder("sipfront.ha.master", this, n -> n.state == HaState.MASTER ? 1 : 0).register(registry);
        Gauge.builder("sipfront.ha.vip.held", vip, v -> v.held() ? 1 : 0).register(registry);
    }

    /**
     * Removes a stale VIP, then starts the heartbeat as backup.
     *
     * @param sipHealthy whether the SIP listener is up (tracked when {@code track.sip_listener} is on)
     */
    public static HaNode start(HaSettings settings, MeterRegistry registry, MasterLease lease,
                               BooleanSupplier sipHealthy) {
        HaNode node = new HaNode(settings, registry, Clock.SYSTEM, CommandRunner.PROCESS, lease, sipHealthy);
        node.startNode();
        return node;
    }

    void startNode() {
        vip.removeStale();
        vip.prepare();
        try {
            heartbeat.start(machine, this::track);
        } catch (IOException e) {
            vip.close();
            throw new UncheckedIOException("cannot open the HA heartbeat socket on " + settings.bind(), e);
        }
        log.info("HA node {} (priority {}) started as backup; peer {}, VIP {} on {}", settings.nodeId(),
                settings.priority(), settings.peer(), settings.vip().address().getHostAddress(),
                settings.vip().iface());
    }

    /** The heartbeat alone, so a test can close its socket as a crash would. */
    Heartbeat heartbeatForTest() {
        return heartbeat;
    }

    public HaState state() {
        return state;
    }

    /** Re-reads the tracked checks every {@link #TRACK_INTERVAL_MS}; called on every turn of the heartbeat. */
    private void track(long now) {
        if (settings.trackSipListener() && now - lastTrackMs >= TRACK_INTERVAL_MS) {
            lastTrackMs = now;
            machine.onHealth(sipHealthy.getAsBoolean(), "SIP listener is down", now);
        }
    }

    /** A snapshot for the status API; safe from any thread (answered on the heartbeat thread). */
    public HaStatus status() {
        CountDownLatch done = new CountDownLatch(1);
        HaStatus[] out = new HaStatus[1];
        heartbeat.execute(now -> {
            out[0] = snapshot(now);
            done.countDown();
        });
        try {
            if (!done.await(1, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the heartbeat thread did not answer within 1 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return out[0];
    }

    private HaStatus snapshot(long now) {
        Advert peer = machine.lastPeerAdvert();
        HaStatus.Peer peerStatus = new HaStatus.Peer(settings.peer().getAddress().getHostAddress() + ":"
                + settings.peer().getPort(), peer == null ? null : peer.nodeId(),
                peer == null ? null : peer.state().wire(), peer == null ? null : peer.priority());
        long ago = machine.lastPeerAdvertAtMs() < 0 ? -1 : now - machine.lastPeerAdvertAtMs();
        List<HaStatus.Transition> list;
        synchronized (transitions) {
            list = new ArrayList<>(transitions);
        }
        return new HaStatus(settings.nodeId(), machine.state().wire(), settings.priority(),
                settings.vip().address().getHostAddress(), vip.held(), peerStatus, ago, metrics.rejectedTotal(),
                (long) metrics.advertsMissed.count(), list);
    }

    /**
     * A clean stop: adverts with priority 0 tell the peer to take the VIP at once, then the VIP is removed.
     * Call before closing the SIP listeners.
     */
    @Override
    public void close() {
        closing = true;
        CountDownLatch sent = new CountDownLatch(1);
        heartbeat.execute(now -> {
            machine.stop(now);
            for (int i = 0; i < STOP_ADVERTS; i++) {
                heartbeat.sendNow();
            }
            sent.countDown();
        });
        try {
            sent.await(1, TimeUnit.SECONDS);
            heartbeat.close(); // the priority-0 adverts were the last word: the peer owns the VIP from here
            if (vip.held()) {
                // The peer announces the VIP within milliseconds, but a request may still reach us meanwhile (or be
                // in a lane): keep the address long enough to answer and forward it, since without it every send
                // from the VIP fails and the caller, already given 100 Trying, would wait in vain.
                Thread.sleep(HANDOVER_DRAIN_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        vip.releaseAndWait(VipController.COMMAND_TIMEOUT_MS);
        notify.close();
        log.info("HA node {} stopped", settings.nodeId());
    }

    private final class Effects implements HaStateMachine.Effects {
        @Override
        public void transition(HaState from, HaState to, String reason) {
            // The VIP first: every millisecond here is takeover time.
            if (to == HaState.MASTER) {
                vip.acquire();
            } else if (from == HaState.MASTER && !closing) {
                vip.release(); // on close, released after the hand-over drain instead
            }
            state = to;
            metrics.transition(to);
            synchronized (transitions) {
                transitions.addLast(new HaStatus.Transition(Instant.ofEpochMilli(clock.currentTimeMillis())
                        .toString(), from.wire(), to.wire(), reason));
                while (transitions.size() > KEPT_TRANSITIONS) {
                    transitions.removeFirst();
                }
            }
            log.warn("HA {} -> {}: {}", from.wire(), to.wire(), reason);
            notify.stateChanged(from, to);
        }

        @Override
        public void reannounce() {
            log.info("announcing the VIP again: the peer may have held it while we could not hear each other");
            vip.reannounce();
        }

        @Override
        public void advertNow() {
            heartbeat.advertSoon();
        }
    }
}
