package io.sipfront.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.net.Transport;
import io.sipfront.time.FakeClock;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CandidateSelectorTest {
    private final HealthRegistry registry = new HealthRegistry(new FakeClock(), HealthListener.NONE);

    private static Destination dest(String id, int priority, int weight, int maxCalls) {
        return new Destination(id, "sip:" + id, InetSocketAddress.createUnresolved(id, 5060), Transport.UDP, priority, weight,
                maxCalls, 0, Optional.empty());
    }

    private DestinationSet set(Algorithm algorithm, FailoverMode mode, Destination... ds) {
        DestinationSet set = new DestinationSet("s", algorithm, List.of(ds),
                new SetPolicy(mode, null, HealthSettings.PROBING));
        registry.reconcile(List.of(set));
        return set;
    }

    private List<String> ids(DestinationSet set, String key) {
        return CandidateSelector.select(set, registry, key).stream().map(c -> c.destination().id()).toList();
    }

    private Map<String, Integer> firstChoices(DestinationSet set, int calls) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < calls; i++) {
            counts.merge(ids(set, "call-" + i).get(0), 1, Integer::sum);
        }
        return counts;
    }

    private void inactive(String id) {
        for (int i = 0; i < 3; i++) {
            registry.get("s", id).probeMissed("timeout");
        }
    }

    @Test
    void weightedSharesFirstChoicesExactlyByWeight() {
        DestinationSet set = set(Algorithm.WEIGHTED, FailoverMode.DEGRADED, dest("a", 0, 3, 0), dest("b", 0, 1, 0));
        assertEquals(Map.of("a", 3000, "b", 1000), firstChoices(set, 4000));
        assertEquals(2, ids(set, "x").size(), "the other destination stays as failover");
    }

    @Test
    void roundRobinSharesEqually() {
        DestinationSet set = set(Algorithm.ROUND_ROBIN, FailoverMode.DEGRADED, dest("a", 0, 1, 0), dest("b", 0, 1, 0),
                dest("c", 0, 1, 0));
        assertEquals(Map.of("a", 100, "b", 100, "c", 100), firstChoices(set, 300));
    }

    @Test
    void hashSendsTheSameKeyToTheSameDestinationAndSpreadsKeys() {
        DestinationSet set = set(Algorithm.HASH, FailoverMode.DEGRADED, dest("a", 0, 1, 0), dest("b", 0, 1, 0));
        assertEquals(ids(set, "call-42"), ids(set, "call-42"));
        Map<String, Integer> counts = firstChoices(set, 2000);
        assertTrue(counts.get("a") > 800 && counts.get("b") > 800, counts::toString);
    }

    @Test
    void leastLoadPrefersTheLowestShareOfMaxCalls() {
        DestinationSet set = set(Algorithm.LEAST_LOAD, FailoverMode.DEGRADED, dest("a", 0, 1, 10), dest("b", 0, 1, 100));
        for (int i = 0; i < 2; i++) {
            registry.get("s", "a").tryStartCall();
        }
        for (int i = 0; i < 10; i++) {
            registry.get("s", "b").tryStartCall();
        }
        assertEquals(List.of("b", "a"), ids(set, "x"), "10/100 is less loaded than 2/10");
    }

    @Test
    void equalSrvWeightsAlternateInsteadOfTakingBlocksOfCalls() {
        DestinationSet set = set(Algorithm.SRV, FailoverMode.DEGRADED, dest("p1", 10, 50, 0), dest("p2", 10, 50, 0));
        Map<String, Integer> firstTen = firstChoices(set, 10);
        assertTrue(firstTen.getOrDefault("p1", 0) >= 3 && firstTen.getOrDefault("p2", 0) >= 3, firstTen::toString);
        Map<String, Integer> rest = firstChoices(set, 90);
        assertEquals(50, firstTen.getOrDefault("p1", 0) + rest.getOrDefault("p1", 0), "still exactly by weight");
    }

    @Test
    void srvOrdersByPriorityThenWeight() {
        DestinationSet set = set(Algorithm.SRV, FailoverMode.DEGRADED, dest("a", 10, 60, 0), dest("b", 10, 40, 0),
                dest("c", 20, 1, 0));
        Map<String, Integer> counts = firstChoices(set, 1000);
        assertEquals(Map.of("a", 600, "b", 400), counts, "c only after both priority-10 destinations");
        assertEquals("c", ids(set, "x").get(2));
    }

    @Test
    void srvKeepsWeightsExactWithSeveralPriorityGroups() {
        DestinationSet set = set(Algorithm.SRV, FailoverMode.DEGRADED, dest("a", 1, 3, 0), dest("b", 1, 1, 0),
                dest("c", 2, 1, 0), dest("d", 3, 1, 0));
        assertEquals(Map.of("a", 300, "b", 100), firstChoices(set, 400));
    }

    @Test
    void degradedModeUsesDegradedDestinationsLast() {
        DestinationSet set = set(Algorithm.PRIORITY, FailoverMode.DEGRADED, dest("a", 1, 1, 0), dest("b", 2, 1, 0));
        registry.get("s", "a").probeAnswered(503, 1);
        assertEquals(List.of("b", "a"), ids(set, "x"));
        inactive("b");
        assertEquals(List.of("a"), ids(set, "x"), "a degraded destination still beats no destination");
    }

    @Test
    void immediateModeSkipsDegradedAndSuspect() {
        DestinationSet set = set(Algorithm.PRIORITY, FailoverMode.IMMEDIATE, dest("a", 1, 1, 0), dest("b", 2, 1, 0));
        registry.get("s", "a").probeAnswered(503, 1);
        assertEquals(List.of("b"), ids(set, "x"));
        registry.get("s", "b").callOutcome(true, true);
        assertEquals(List.of(), ids(set, "x"));
    }

    @Test
    void outageModeKeepsDegradedInPlaceAndSkipsOnlyInactive() {
        DestinationSet set = set(Algorithm.PRIORITY, FailoverMode.OUTAGE, dest("a", 1, 1, 0), dest("b", 2, 1, 0));
        registry.get("s", "a").probeAnswered(503, 1);
        assertEquals(List.of("a", "b"), ids(set, "x"));
        inactive("a");
        assertEquals(List.of("b"), ids(set, "x"));
    }

    @Test
    void disabledAndDrainingTakeNoNewCalls() {
        DestinationSet set = set(Algorithm.PRIORITY, FailoverMode.OUTAGE, dest("a", 1, 1, 0), dest("b", 2, 1, 0));
        registry.get("s", "a").disable();
        registry.get("s", "b").drain();
        assertEquals(List.of(), ids(set, "x"));
        registry.get("s", "a").enable();
        assertEquals(List.of("a"), ids(set, "x"));
    }
}
