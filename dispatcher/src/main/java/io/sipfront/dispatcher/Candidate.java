package io.sipfront.dispatcher;

/**
 * One destination in the order a new call will try them.
 *
 * @param reason why it has this place, for the audit trail: {@code priority 1}, {@code weight 3/4}, {@code hash},
 *               {@code least-load 2/100}, {@code srv priority 10 weight 60}, {@code round-robin}
 */
public record Candidate(String set, Destination destination, String reason) {
}
