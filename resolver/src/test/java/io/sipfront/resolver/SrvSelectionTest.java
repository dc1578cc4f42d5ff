package io.sipfront.resolver;

import static io.sipfront.resolver.Records.srv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;

class SrvSelectionTest {
    private record T(String name, int priority, int weight) {
    }

    private static Map<String, Integer> picks(List<T> candidates, int rounds, RandomGenerator random) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < rounds; i++) {
            counts.merge(candidates.get(SrvSelection.pickIndex(candidates, T::weight, random)).name(), 1,
                    Integer::sum);
        }
        return counts;
    }

    @Test
    void weightedPickSpreadsInProportionToTheWeights() {
        List<T> candidates = List.of(new T("a", 10, 10), new T("b", 10, 30), new T("c", 10, 60));
        Map<String, Integer> counts = picks(candidates, 100_000, new SplittableRandom(7));
        // expected shares 10/101, 30/101, 60/101 (+1/101 for the first, which also takes a draw of 0)
        assertEquals(0.109, counts.get("a") / 100_000.0, 0.01, counts.toString());
        assertEquals(0.297, counts.get("b") / 100_000.0, 0.01, counts.toString());
        assertEquals(0.594, counts.get("c") / 100_000.0, 0.01, counts.toString());
    }

    @Test
    void equalWeightsShareEvenly() {
        List<T> candidates = List.of(new T("p1", 10, 50), new T("p2", 10, 50));
        Map<String, Integer> counts = picks(candidates, 100_000, new SplittableRandom(11));
        assertEquals(0.5, counts.get("p1") / 100_000.0, 0.01, counts.toString());
    }

    @Test
    void weightZeroKeepsOnlyTheSmallChanceRfc2782Gives() {
        List<T> candidates = List.of(new T("heavy", 10, 99), new T("zero", 10, 0));
        Map<String, Integer> counts = picks(candidates, 200_000, new SplittableRandom(3));
        assertEquals(0.01, counts.getOrDefault("zero", 0) / 200_000.0, 0.002, counts.toString());
    }

    @Test
    void allWeightsZeroPickUniformly() {
        List<T> candidates = List.of(new T("x", 0, 0), new T("y", 0, 0), new T("z", 0, 0), new T("w", 0, 0));
        Map<String, Integer> counts = picks(candidates, 100_000, new SplittableRandom(5));
        for (T t : candidates) {
            assertEquals(0.25, counts.get(t.name()) / 100_000.0, 0.01, counts.toString());
        }
    }

    @Test
    void theDrawDecidesThePickAtTheRunningSumBoundaries() {
        List<T> candidates = List.of(new T("a", 1, 10), new T("zero", 1, 0), new T("b", 1, 30));
        assertEquals(1, SrvSelection.pickIndex(candidates, T::weight, fixedDraw(0)), "a draw of 0 picks weight 0");
        assertEquals(0, SrvSelection.pickIndex(candidates, T::weight, fixedDraw(1)));
        assertEquals(0, SrvSelection.pickIndex(candidates, T::weight, fixedDraw(10)));
        assertEquals(2, SrvSelection.pickIndex(candidates, T::weight, fixedDraw(11)));
        assertEquals(2, SrvSelection.pickIndex(candidates, T::weight, fixedDraw(40)));
    }

    @Test
    void attemptOrderTriesLowerPrioritiesFirstAndEveryTargetOnce() {
        List<T> targets = List.of(new T("backup", 20, 0), new T("p1", 10, 50), new T("p2", 10, 50),
                new T("last", 30, 5));
        Map<String, Integer> firsts = new HashMap<>();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            List<T> order = SrvSelection.attemptOrder(targets, T::priority, T::weight, random);
            assertEquals(4, order.size());
            assertEquals(List.of("backup", "last"), List.of(order.get(2).name(), order.get(3).name()));
            firsts.merge(order.get(0).name(), 1, Integer::sum);
        }
        assertEquals(0.5, firsts.get("p1") / 10_000.0, 0.03, firsts.toString());
    }

    @Test
    void serverListDropsTheNoServiceTargetAndOrdersByPriorityThenWeight() {
        List<Record> answer = List.of(
                srv("_sip._udp.x.test", 20, 0, 5060, "cb.x.test", 5),
                srv("_sip._udp.x.test", 10, 5, 5060, "light.x.test", 5),
                srv("_sip._udp.x.test", 10, 50, 5060, "heavy.x.test", 5),
                srv("_sip._udp.x.test", 0, 0, 0, ".", 5));
        List<String> targets = SrvSelection.servers(answer).stream()
                .map(SRVRecord::getTarget).map(n -> n.toString(true)).toList();
        assertEquals(List.of("heavy.x.test", "light.x.test", "cb.x.test"), targets);
        assertTrue(SrvSelection.servers(List.of(srv("_sip._udp.y.test", 0, 0, 0, ".", 5))).isEmpty());
    }

    /** A random source whose bounded draw is always {@code value}. */
    private static RandomGenerator fixedDraw(long value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only bounded draws");
            }

            @Override
            public long nextLong(long bound) {
                return value;
            }
        };
    }
}
