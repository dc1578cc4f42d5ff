package io.sipfront.config;

import java.util.List;

/**
 * Sets tried one after the other for a call: the primary's destinations first, then the secondary's, then the
 * tertiary's.
 */
public record TrunkGroup(String name, List<String> sets) {
    public TrunkGroup {
        sets = List.copyOf(sets);
    }
}
