package io.sipfront.core.call;

/**
 * One destination of a call setup and what came of it.
 *
 * @param set    the destination set, or null when the call never reached routing (refused by number rules)
 * @param id     the destination id, or null likewise
 * @param label  how the call log names it: the destination id, or {@code numbering}
 * @param reason why this destination: the algorithm's reason, or {@code failover after <result> (<reason>)}
 * @param result a status code, {@code timeout}, {@code transport-error}, {@code internal-error},
 *               {@code rejected-484}, …
 */
public record AttemptRecord(String set, String id, String label, String reason, String result, Kind kind) {
    public enum Kind {
        /** The request went out to the destination. */
        SENT,
        /** Passed over for its {@code max_calls}/{@code max_cps}: not an attempt, not a failure. */
        SKIPPED_FOR_LIMIT,
        /** The number rules of this destination's carrier (or inbound ones) refused the numbers. */
        REFUSED_BY_NUMBERING,
        /** Not sent: the SDP carries SRTP keys and the leg is not encrypted ({@code srtp_requires_tls}). */
        REFUSED_INSECURE
    }
}
