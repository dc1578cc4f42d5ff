package io.sipfront.resolver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;

/**
 * RFC 2782 target selection: lowest priority first, and within one priority a random pick weighted by the SRV
 * weight. Pure functions over any element type, so the caller can apply them to its own destinations (after
 * dropping unhealthy ones) with the random source it wants.
 */
public final class SrvSelection {
    private SrvSelection() {
    }

    /**
     * RFC 2782's weighted pick among candidates of one priority: each is chosen with a probability
     * proportional to its weight; weight 0 keeps a small chance (1 in total+1) when others weigh more, and when
     * every weight is 0 the pick is uniform.
     *
     * @return the index of the chosen candidate
     */
    public static <T> int pickIndex(List<T> candidates, ToIntFunction<? super T> weightOf, RandomGenerator random) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("nothing to pick from");
        }
        long total = 0;
        for (T c : candidates) {
            total += weightOf.applyAsInt(c);
        }
        if (total == 0) {
            return random.nextInt(candidates.size());
        }
        long threshold = random.nextLong(total + 1);
        long running = 0;
        // RFC 2782: the weight-0 records go first in the running sum, so only a draw of 0 reaches them.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < candidates.size(); i++) {
                int w = weightOf.applyAsInt(candidates.get(i));
                if ((w == 0) == (pass == 0)) {
                    running += w;
                    if (running >= threshold) {
                        return i;
                    }
                }
            }
        }
        throw new IllegalStateException("weights changed during the pick");
    }

    /**
     * The order in which to try targets for one request: priority groups from the lowest, each group in RFC 2782
     * weighted random order (the first pick, then a pick among the rest, and so on).
     */
    public static <T> List<T> attemptOrder(List<T> targets, ToIntFunction<? super T> priorityOf,
                                           ToIntFunction<? super T> weightOf, RandomGenerator random) {
        TreeMap<Integer, List<T>> byPriority = new TreeMap<>();
        for (T t : targets) {
            byPriority.computeIfAbsent(priorityOf.applyAsInt(t), p -> new ArrayList<>()).add(t);
        }
        List<T> order = new ArrayList<>(targets.size());
        for (List<T> group : byPriority.values()) {
            while (!group.isEmpty()) {
                order.add(group.remove(pickIndex(group, weightOf, random)));
            }
        }
        return order;
    }

    /** {@link #attemptOrder} for resolved targets. */
    public static List<ResolvedTarget> attemptOrder(List<ResolvedTarget> targets, RandomGenerator random) {
        return attemptOrder(targets, ResolvedTarget::priority, ResolvedTarget::weight, random);
    }

    /**
     * The SRV records of an answer that name a server, by priority, then weight (highest first), then name:
     * a stable order for the resolution's target list. A target of "." means "no service here" (RFC 2782)
     * and is left out.
     */
    static List<SRVRecord> servers(List<Record> answer) {
        return answer.stream()
                .filter(SRVRecord.class::isInstance)
                .map(SRVRecord.class::cast)
                .filter(srv -> !srv.getTarget().equals(Name.root))
                .sorted(Comparator.comparingInt(SRVRecord::getPriority)
                        .thenComparing(Comparator.comparingInt(SRVRecord::getWeight).reversed())
                        .thenComparing(SRVRecord::getTarget)
                        .thenComparingInt(SRVRecord::getPort))
                .toList();
    }
}
