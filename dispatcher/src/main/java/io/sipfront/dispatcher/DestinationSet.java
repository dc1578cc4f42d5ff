package io.sipfront.dispatcher;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A named list of destinations, the algorithm that orders them for each call and the policy for failures.
 * Immutable apart from the rotation counter of round-robin, weighted and srv, which is lock-free.
 */
public final class DestinationSet {
    private final String name;
    private final Algorithm algorithm;
    private final List<Destination> destinations;
    private final SetPolicy policy;
    private final AtomicLong turn = new AtomicLong();

    public DestinationSet(String name, Algorithm algorithm, List<Destination> destinations) {
        this(name, algorithm, destinations, SetPolicy.DEFAULTS);
    }

    public DestinationSet(String name, Algorithm algorithm, List<Destination> destinations, SetPolicy policy) {
        this.name = Objects.requireNonNull(name, "name");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("destination set '" + name + "' has no destinations");
        }
        this.destinations = List.copyOf(destinations);
    }

    public String name() {
        return name;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public SetPolicy policy() {
        return policy;
    }

    /** The destinations in the order of the file. */
    public List<Destination> destinations() {
        return destinations;
    }

    /** The next value of the set's rotation (round-robin start, weighted slot). */
    long nextTurn() {
        return turn.getAndIncrement();
    }

    /**
     * The order in which one new call tries the destinations when every one is healthy: the first is the choice,
     * the rest are the serial failover sequence. {@link CandidateSelector} is the health-aware version.
     */
    public List<Destination> candidatesForNewCall() {
        return CandidateSelector.order(this, destinations, null, d -> 0).stream().map(Candidate::destination).toList();
    }

    @Override
    public String toString() {
        return "DestinationSet[" + name + ", " + algorithm.configName() + ", " + destinations.size() + " destinations]";
    }
}
