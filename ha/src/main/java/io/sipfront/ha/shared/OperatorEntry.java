package io.sipfront.ha.shared;

import io.sipfront.dispatcher.OperatorAction;
import java.util.Objects;

/**
 * The last operator action on one destination, cluster-wide: whichever node's API it came through, every node
 * applies it. Two actions on the same destination are ordered by {@code at}, then node id (last writer wins).
 *
 * @param action disable, drain or enable
 * @param at     wall-clock milliseconds when it was taken (made strictly later than the action it replaces)
 * @param node   the node whose API took it
 */
public record OperatorEntry(String set, String id, String action, long at, String node) {
    public OperatorEntry {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        OperatorAction.fromApiName(Objects.requireNonNull(action, "action")); // rejects unknown actions
    }

    public OperatorAction operatorAction() {
        return OperatorAction.fromApiName(action);
    }

    public String destinationKey() {
        return SharedKeys.destinationField(set, id);
    }

    /** Whether this action replaces {@code other}: taken later, or at the same millisecond by a greater node id. */
    public boolean newerThan(OperatorEntry other) {
        return at != other.at ? at > other.at : node.compareTo(other.node) > 0;
    }
}
