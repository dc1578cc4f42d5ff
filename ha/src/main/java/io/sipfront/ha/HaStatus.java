package io.sipfront.ha;

import java.util.List;

/**
 * What {@code GET /api/v1/ha} answers.
 *
 * @param role             backup, master or fault
 * @param vipHeld          whether the VIP is on our interface
 * @param lastAdvertMsAgo  milliseconds since the peer's last accepted advert; -1 if none yet
 * @param transitions      the most recent state changes, oldest first
 */
public record HaStatus(String nodeId, String role, int priority, String vip, boolean vipHeld, Peer peer,
                       long lastAdvertMsAgo, long advertsRejected, long advertsMissed,
                       List<Transition> transitions) {
    public HaStatus {
        transitions = List.copyOf(transitions);
    }

    /** @param role the role its last advert claimed, or null before any */
    public record Peer(String address, String nodeId, String role, Integer priority) {
    }

    /** @param at ISO-8601 wall-clock time of the change */
    public record Transition(String at, String from, String to, String reason) {
    }
}
