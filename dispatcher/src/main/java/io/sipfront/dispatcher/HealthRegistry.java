package io.sipfront.dispatcher;

import io.sipfront.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health of every destination, keyed by set and id, for the whole life of the process: a reload
 * {@link #reconcile reconciles} it with the new sets, so a destination that still exists keeps what was learnt.
 */
public final class HealthRegistry {
    private record Key(String set, String id) {
    }

    private final Clock clock;
    private final HealthListener listener;
    private final Map<Key, DestinationHealth> byKey = new ConcurrentHashMap<>();
    /** Insertion order of the current config, for stable listings. */
    private volatile List<DestinationHealth> ordered = List.of();

    public HealthRegistry(Clock clock, HealthListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    public DestinationHealth get(String set, String id) {
        return byKey.get(new Key(set, id));
    }

    /** Every destination of the current config, in file order. */
    public List<DestinationHealth> all() {
        return ordered;
    }

    /**
     * Makes the registry match {@code sets}: new destinations start active, removed ones are forgotten, and one
     * that keeps its set, id and target keeps its state, counters and calls in progress. Returns the removed ones.
     * Call from one thread at a time (start-up, reload).
     */
    public synchronized List<DestinationHealth> reconcile(Collection<DestinationSet> sets) {
        List<DestinationHealth> next = new ArrayList<>();
        Map<Key, DestinationHealth> keep = new java.util.HashMap<>();
        for (DestinationSet set : sets) {
            for (Destination d : set.destinations()) {
                Key key = new Key(set.name(), d.id());
                DestinationHealth old = byKey.get(key);
                DestinationHealth h;
                if (old != null && old.destination().sameTarget(d)) {
                    h = old;
                    h.update(d, set.policy().health());
                } else {
                    h = new DestinationHealth(set.name(), d, set.policy().health(), clock, listener);
                }
                keep.put(key, h);
                next.add(h);
            }
        }
        List<DestinationHealth> removed = new ArrayList<>();
        for (Map.Entry<Key, DestinationHealth> e : byKey.entrySet()) {
            if (keep.get(e.getKey()) != e.getValue()) {
                removed.add(e.getValue());
            }
        }
        byKey.keySet().retainAll(keep.keySet());
        byKey.putAll(keep);
        ordered = List.copyOf(next);
        return removed;
    }

}
