package io.sipfront.dispatcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Orders a set's destinations for one new call: health and failover mode decide who may take the call and in which
 * tier, the set's algorithm decides the order within a tier. Capacity ({@code max_calls}, {@code max_cps}) is checked
 * by the caller when it actually tries a destination, so a full one is skipped without being counted as failed.
 */
public final class CandidateSelector {
    private CandidateSelector() {
    }

    /** The health-aware order; empty when no destination may take a call. */
    public static List<Candidate> select(DestinationSet set, HealthRegistry registry, String hashKey) {
        FailoverMode mode = set.policy().failoverMode();
        List<Destination> first = new ArrayList<>();
        List<Destination> later = new ArrayList<>();
        for (Destination d : set.destinations()) {
            DestinationHealth h = registry.get(set.name(), d.id());
            int tier = h == null ? 0 : tier(h, mode);
            if (tier == 0) {
                first.add(d);
            } else if (tier == 1) {
                later.add(d);
            }
        }
        ToIntFunction<Destination> load = d -> {
            DestinationHealth h = registry.get(set.name(), d.id());
            return h == null ? 0 : h.callsInProgress();
        };
        List<Candidate> out = new ArrayList<>(order(set, first, hashKey, load));
        out.addAll(order(set, later, hashKey, load));
        return out;
    }

    /** Whether any destination of {@code set} may take a new call now; unlike {@link #select}, moves no rotation. */
    public static boolean anyAvailable(DestinationSet set, HealthRegistry registry) {
        for (Destination d : set.destinations()) {
            DestinationHealth h = registry.get(set.name(), d.id());
            if (h == null || tier(h, set.policy().failoverMode()) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** 0: takes calls first; 1: only after every tier-0 destination; -1: takes no new calls. */
    static int tier(DestinationHealth h, FailoverMode mode) {
        if (h.draining()) {
            return -1;
        }
        return switch (h.state()) {
            case DISABLED, INACTIVE -> -1;
            case DEGRADED -> mode == FailoverMode.IMMEDIATE ? -1 : mode == FailoverMode.DEGRADED ? 1 : 0;
            case ACTIVE -> !h.suspect() || mode == FailoverMode.OUTAGE ? 0 : mode == FailoverMode.DEGRADED ? 1 : -1;
        };
    }

    /** {@code eligible} (in file order) in the order of the set's algorithm. */
    static List<Candidate> order(DestinationSet set, List<Destination> eligible, String hashKey,
                                 ToIntFunction<Destination> callsInProgress) {
        if (eligible.isEmpty()) {
            return List.of();
        }
        String s = set.name();
        List<Candidate> out = new ArrayList<>(eligible.size());
        switch (set.algorithm()) {
            case PRIORITY -> {
                List<Destination> sorted = new ArrayList<>(eligible);
                sorted.sort(Comparator.comparingInt(Destination::priority));
                sorted.forEach(d -> out.add(new Candidate(s, d, "priority " + d.priority())));
            }
            case ROUND_ROBIN -> {
                int start = (int) Math.floorMod(set.nextTurn(), (long) eligible.size());
                for (int i = 0; i < eligible.size(); i++) {
                    out.add(new Candidate(s, eligible.get((start + i) % eligible.size()), "round-robin"));
                }
            }
            case HASH -> {
                int start = Math.floorMod(spread(hashKey == null ? 0 : hashKey.hashCode()), eligible.size());
                for (int i = 0; i < eligible.size(); i++) {
                    out.add(new Candidate(s, eligible.get((start + i) % eligible.size()), i == 0 ? "hash" : "hash next"));
                }
            }
            case WEIGHTED -> weighted(set.name(), set.nextTurn(), eligible, out, "weight");
            case SRV -> {
                long turn = set.nextTurn(); // one per call: groups sharing the counter would skip weight slots
                List<Destination> sorted = new ArrayList<>(eligible);
                sorted.sort(Comparator.comparingInt(Destination::priority));
                int i = 0;
                while (i < sorted.size()) {
                    int j = i;
                    while (j < sorted.size() && sorted.get(j).priority() == sorted.get(i).priority()) {
                        j++;
                    }
                    weighted(set.name(), turn, sorted.subList(i, j), out,
                            "srv priority " + sorted.get(i).priority() + " weight");
                    i = j;
                }
            }
            case LEAST_LOAD -> {
                List<Destination> sorted = new ArrayList<>(eligible);
                sorted.sort(Comparator.comparingDouble(d -> loadRatio(d, callsInProgress.applyAsInt(d))));
                sorted.forEach(d -> out.add(new Candidate(s, d, "least-load " + callsInProgress.applyAsInt(d) + "/"
                        + (d.maxCalls() == 0 ? "unlimited" : Integer.toString(d.maxCalls())))));
            }
        }
        return out;
    }

    /**
     * Smooth over calls without randomness: the set's turn counter walks the weight slots in a scattered order (a
     * permutation of each block of {@code total} turns), so over every such block each destination is first exactly
     * {@code weight} times, and equal weights such as SRV 50/50 alternate rather than taking 50 calls in a row each.
     * The rest follow heaviest first.
     */
    /** 2^31-1, prime and larger than any sum of weights, so coprime with it. */
    private static final long SCATTER = Integer.MAX_VALUE;

    private static void weighted(String set, long turn, List<Destination> group, List<Candidate> out,
                                 String label) {
        long total = 0;
        for (Destination d : group) {
            total += d.weight();
        }
        // Multiplying by a prime above any total is a bijection on 0..total-1: every slot once per block.
        long slot = Math.floorMod(turn, total) * (SCATTER % total) % total;
        Destination chosen = group.get(group.size() - 1);
        long upTo = 0;
        for (Destination d : group) {
            upTo += d.weight();
            if (slot < upTo) {
                chosen = d;
                break;
            }
        }
        out.add(new Candidate(set, chosen, label + " " + chosen.weight() + "/" + total));
        List<Destination> rest = new ArrayList<>(group);
        rest.remove(chosen);
        rest.sort(Comparator.comparingInt(Destination::weight).reversed());
        for (Destination d : rest) {
            out.add(new Candidate(set, d, label + " " + d.weight() + "/" + total));
        }
    }

    private static double loadRatio(Destination d, int inProgress) {
        return d.maxCalls() == 0 ? inProgress : (double) inProgress / d.maxCalls();
    }

    /** String hashes of similar Call-IDs differ in low bits only a little; mix them. */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
