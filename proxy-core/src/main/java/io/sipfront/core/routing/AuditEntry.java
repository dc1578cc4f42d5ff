package io.sipfront.core.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One routing decision and what came of it.
 *
 * @param time       ISO-8601 wall-clock time of the decision
 * @param candidates every destination looked at, with its state at that moment
 * @param attempts   each destination tried, why it was chosen and how it answered
 * @param finalCode  the final response sent back to the caller
 * @param limit      the inbound limit that refused the call with 503 ({@code carrier carrier-b: calls_per_second 20}),
 *                   absent otherwise
 */
public record AuditEntry(String time, @JsonProperty("call_id") String callId, String direction,
                         String source, String rule, List<RoutingDecision.DestinationView> candidates,
                         List<Attempt> attempts, @JsonProperty("final") int finalCode,
                         @com.fasterxml.jackson.annotation.JsonInclude(
                                 com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String limit) {
    /**
     * @param reason why this destination: {@code priority 1}, {@code weight 3/4}, {@code failover after 503}, …
     * @param result a status code, {@code timeout}, {@code transport-error}, {@code max-calls} (skipped), …
     */
    public record Attempt(String set, String id, String reason, String result) {
    }
}
