package io.sipfront.core.routing;

import io.sipfront.dispatcher.Candidate;
import java.util.List;

/**
 * Where one new call may go, in order, and why.
 *
 * @param rule       the rule that matched, or {@code default} for the direction's set
 * @param candidates the destinations to try, in order; empty when none may take a call
 * @param considered every destination of the sets looked at, with its state at that moment (for the audit trail)
 * @param trunkGroup the trunk group of the rule that matched, or null for the direction's default set
 */
public record RoutingDecision(String rule, List<Candidate> candidates, List<DestinationView> considered,
                              int retryAfterSeconds,
                              @com.fasterxml.jackson.annotation.JsonProperty("trunk_group") String trunkGroup) {
    /** A destination as the decision saw it. */
    public record DestinationView(String set, String id, String state, boolean suspect,
                                  @com.fasterxml.jackson.annotation.JsonProperty("calls_in_progress")
                                  int callsInProgress) {
    }
}
