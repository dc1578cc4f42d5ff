package io.sipfront.ha.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.admin.HealthStatus;
import io.sipfront.core.routing.CallFacts;
import io.sipfront.core.routing.ProbeTrigger;
import io.sipfront.core.routing.RoutingEngine;
import io.sipfront.core.testing.TestConfigs;
import io.sipfront.dispatcher.Candidate;
import io.sipfront.dispatcher.DestinationHealth;
import io.sipfront.dispatcher.DestinationSet;
import io.sipfront.dispatcher.FailoverMode;
import io.sipfront.dispatcher.HealthSettings;
import io.sipfront.dispatcher.HealthState;
import io.sipfront.dispatcher.OperatorAction;
import io.sipfront.dispatcher.SetPolicy;
import io.sipfront.time.Clock;
import io.sipfront.ha.config.SharedStateSettings;
import io.sipfront.redis.RedisSettings;
import io.sipfront.redis.testing.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Two in-process nodes (routing engine + shared state; probes recorded, not sent) sharing one real redis-server on
 * a free loopback port.
 */
class SharedStateIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private RedisServer redis;
    private final List<Node> nodes = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        RedisServer.requireInstalled();
        redis = new RedisServer(Path.of("target", "redis-it", "shared-" + System.nanoTime() + ".log"));
        redis.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        nodes.forEach(Node::close);
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void aCarrierOneNodeFoundDeadIsSuspectAndProbedAtOnceOnTheOther() throws Exception {
        Node n1 = node("node1");
        Node n2 = node("node2");
        awaitTrue("both connected", () -> n1.shared.connected() && n2.shared.connected());

        DestinationHealth a1 = n1.carrier("carrier-a");
        for (int i = 0; i < 3; i++) {
            a1.probeMissed("timeout");
        }
        assertEquals(HealthState.INACTIVE, a1.state());

        DestinationHealth a2 = n2.carrier("carrier-a");
        awaitTrue("node2 suspects carrier-a", a2::suspect);
        awaitTrue("node2 probes carrier-a at once", () -> n2.probed.contains(a2));
        assertEquals(HealthState.ACTIVE, a2.state(), "node2's own state is for its own probes to decide");
        assertEquals(List.of("carrier-b"), n2.outboundCandidates(), "no first call to the carrier node1 found dead");

        a2.probeAnswered(200, 3); // node2's own probe finds it alive after all
        assertFalse(a2.suspect());
        assertEquals(List.of("carrier-a", "carrier-b"), n2.outboundCandidates());
        assertTrue(n2.meters.get("sipfront.shared_state.applied").counter().count() >= 1);
        assertTrue(n1.meters.get("sipfront.shared_state.published").counter().count() >= 1);
    }

    @Test
    void operatorActionsOnOneNodeApplyOnBoth() throws Exception {
        Node n1 = node("node1");
        Node n2 = node("node2");
        awaitTrue("both connected", () -> n1.shared.connected() && n2.shared.connected());

        n1.engine.operatorAction(n1.carrier("carrier-a"), OperatorAction.DISABLE);
        awaitTrue("disable reaches node2", () -> n2.carrier("carrier-a").state() == HealthState.DISABLED);

        n2.engine.operatorAction(n2.carrier("carrier-b"), OperatorAction.DRAIN);
        awaitTrue("drain reaches node1", () -> n1.carrier("carrier-b").draining());

        n2.engine.operatorAction(n2.carrier("carrier-a"), OperatorAction.ENABLE);
        awaitTrue("enable reaches node1", () -> n1.carrier("carrier-a").state() == HealthState.ACTIVE);
        assertEquals(List.of("carrier-a"), n1.outboundCandidates());
        assertEquals(List.of("carrier-a"), n2.outboundCandidates());
    }

    @Test
    void aNodeStartingLaterLearnsWhatItsPeerFoundAndWhatOperatorsDid() throws Exception {
        Node n1 = node("node1");
        awaitTrue("node1 connected", n1.shared::connected);
        for (int i = 0; i < 3; i++) {
            n1.carrier("carrier-a").probeMissed("timeout");
        }
        n1.engine.operatorAction(n1.carrier("carrier-b"), OperatorAction.DISABLE);
        awaitTrue("node1 wrote both", () -> {
            try (JedisPooled j = jedis()) {
                String a = j.hget("sipfront:ha:test:health:node1", "carriers/carrier-a");
                return a != null && a.contains("\"inactive\"") && j.hget("sipfront:ha:test:operator",
                        "carriers/carrier-b") != null;
            }
        });

        Node n2 = node("node2"); // start() waits for the first sync
        assertTrue(n2.shared.connected());
        assertTrue(n2.carrier("carrier-a").suspect(), "learnt at start, before its first call");
        assertTrue(n2.probed.contains(n2.carrier("carrier-a")));
        assertEquals(HealthState.DISABLED, n2.carrier("carrier-b").state());
    }

    @Test
    void staleEntriesOfAGoneNodeAreIgnored() throws Exception {
        long now = System.currentTimeMillis();
        try (JedisPooled j = jedis()) {
            j.sadd("sipfront:ha:test:nodes", "node8", "node9");
            j.hset("sipfront:ha:test:health:node9", "carriers/carrier-a", SharedCodec.encode(new HealthEntry(
                    "node9", "carriers", "carrier-a", "inactive", "inactive", false, now - 60_000, "old", 0,
                    now - 60_000, now - 60_000, 0, 0, 0)));
            j.hset("sipfront:ha:test:health:node8", "carriers/carrier-b", SharedCodec.encode(new HealthEntry(
                    "node8", "carriers", "carrier-b", "degraded", "degraded", false, now - 1_000, "probe answered 503",
                    503, now - 1_000, now - 1_000, 0, 0, 0)));
        }
        Node n2 = node("node2");
        assertTrue(n2.shared.connected());
        assertFalse(n2.carrier("carrier-a").suspect(), "node9's entry is a minute old");
        assertTrue(n2.carrier("carrier-b").suspect(), "node8's entry is fresh");
    }

    @Test
    void withoutRedisBothNodesRouteOnTheirOwnAndResyncWhenItIsBack() throws Exception {
        Node n1 = node("node1");
        Node n2 = node("node2");
        awaitTrue("both connected", () -> n1.shared.connected() && n2.shared.connected());
        assertEquals(HealthStatus.Level.UP, n1.health().level());

        redis.stop();
        awaitTrue("both see Redis gone", () -> !n1.shared.connected() && !n2.shared.connected());
        assertEquals(HealthStatus.Level.DEGRADED, n1.health().level());
        assertEquals(HealthStatus.Level.DEGRADED, n2.health().level());
        assertTrue(n1.health().detail().contains("unreachable"), n1.health().detail());

        // Each keeps routing on its own health meanwhile.
        for (int i = 0; i < 3; i++) {
            n1.carrier("carrier-a").probeMissed("timeout");
        }
        n1.engine.operatorAction(n1.carrier("carrier-b"), OperatorAction.DRAIN);
        assertEquals(List.of(), n1.outboundCandidates());
        assertEquals(List.of("carrier-a", "carrier-b"), n2.outboundCandidates());
        assertFalse(n2.carrier("carrier-a").suspect());

        redis.start(); // same port, empty (no persistence): both nodes rewrite what they know
        awaitTrue("both reconnect", () -> n1.shared.connected() && n2.shared.connected());
        awaitTrue("node2 learns what node1 found meanwhile", () -> n2.carrier("carrier-a").suspect());
        awaitTrue("the drain taken meanwhile applies on node2", () -> n2.carrier("carrier-b").draining());
        assertEquals(HealthStatus.Level.UP, n2.health().level());
        assertTrue(n1.meters.get("sipfront.shared_state.errors").counter().count() >= 1);

        // And live sync goes on.
        n2.engine.operatorAction(n2.carrier("carrier-b"), OperatorAction.ENABLE);
        awaitTrue("enable reaches node1", () -> !n1.carrier("carrier-b").draining());
    }

    // ---- helpers ----

    private Node node(String id) {
        Node n = new Node(id, redis.port());
        nodes.add(n);
        return n;
    }

    private JedisPooled jedis() {
        return new JedisPooled("127.0.0.1", redis.port());
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) { // bounded: WAIT
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        fail("not within " + WAIT.toSeconds() + " s: " + what);
    }

    /** The loopback topology with probing carriers in failover mode immediate. */
    static SipfrontConfig probingConfig() {
        SipfrontConfig c = TestConfigs.loopback();
        Map<String, DestinationSet> sets = new LinkedHashMap<>();
        for (DestinationSet s : c.destinationSets().values()) {
            sets.put(s.name(), new DestinationSet(s.name(), s.algorithm(), s.destinations(),
                    new SetPolicy(FailoverMode.IMMEDIATE, null, HealthSettings.PROBING)));
        }
        return new SipfrontConfig(c.source(), c.sip(), c.timers(), c.limits(), c.proxy(), c.sources(), c.routing(),
                sets, c.sections());
    }

    /** One node: its routing engine, a prober that records instead of sending, and shared state. */
    static final class Node implements AutoCloseable {
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        final RoutingEngine engine;
        final Queue<DestinationHealth> probed = new ConcurrentLinkedQueue<>();
        final SharedStateService shared;

        Node(String id, int redisPort) {
            engine = new RoutingEngine(probingConfig(), Clock.SYSTEM, meters);
            engine.attachProber(new ProbeTrigger() {
                @Override
                public void probeNow(DestinationHealth health) {
                    probed.add(health);
                }

                @Override
                public void sync() {
                }
            });
            RedisSettings r = new RedisSettings(List.of(new RedisSettings.Address("127.0.0.1", redisPort)), null,
                    List.of(), null, 0, 300, 300);
            shared = SharedStateService.start(new SharedStateSettings(true, "test", id, 30_000), r, engine,
                    Clock.SYSTEM, meters, Duration.ofSeconds(3));
        }

        DestinationHealth carrier(String id) {
            return engine.registry().get("carriers", id);
        }

        List<String> outboundCandidates() {
            List<String> ids = new ArrayList<>();
            for (Candidate c : engine.route(new CallFacts("call-1", false, "platform", "15551234567", null))
                    .candidates()) {
                ids.add(c.destination().id());
            }
            return ids;
        }

        HealthStatus health() {
            return shared.adminExtension().healthChecks().get(0).check();
        }

        @Override
        public void close() {
            shared.close();
        }
    }
}
