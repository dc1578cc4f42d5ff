package io.sipfront.dispatcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named list of destinations and the algorithm that orders them for each call.
 * Immutable apart from the round-robin position, which is a lock-free counter.
 */
public final class DestinationSet {
    private final String name;
    private final Algorithm algorithm;
    private final List<Destination> destinations;
    private final List<Destination> byPriority;
    private final AtomicInteger nextStart = new AtomicInteger();

    public DestinationSet(String name, Algorithm algorithm, List<Destination> destinations) {
        this.name = Objects.requireNonNull(name, "name");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("destination set '" + name + "' has no destinations");
        }
        this.destinations = List.copyOf(destinations);
        List<Destination> sorted = new ArrayList<>(destinations);
        sorted.sort(Comparator.comparingInt(Destination::priority)); // stable: file order breaks ties
        this.byPriority = List.copyOf(sorted);
    }

    public String name() {
        return name;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** The destinations in the order of the file. */
    public List<Destination> destinations() {
        return destinations;
    }

    /**
     * The order in which one new call tries the destinations: the first is the choice,
     * the rest are the serial failover sequence.
     */
    public List<Destination> candidatesForNewCall() {
        switch (algorithm) {
            case PRIORITY:
                return byPriority;
            case ROUND_ROBIN: {
                int n = destinations.size();
                int start = Math.floorMod(nextStart.getAndIncrement(), n);
                if (start == 0) {
                    return destinations;
                }
                List<Destination> rotated = new ArrayList<>(n);
                rotated.addAll(destinations.subList(start, n));
                rotated.addAll(destinations.subList(0, start));
                return rotated;
            }
            default:
                throw new AssertionError(algorithm);
        }
    }

    @Override
    public String toString() {
        return "DestinationSet[" + name + ", " + algorithm.configName() + ", " + destinations.size() + " destinations]";
    }
}
