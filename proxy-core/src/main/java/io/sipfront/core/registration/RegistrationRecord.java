package io.sipfront.core.registration;

/**
 * What the other node of a pair needs to go on with a registration after a takeover: the same Call-ID and From tag
 * with the next CSeq, so the registrar sees a refresh of the same binding, not a second one (RFC 3261 §10.2.4).
 *
 * @param expiresAtMillis wall-clock end of the granted binding (0: not registered)
 * @param lastNonce       the registrar's last nonce and realm, for diagnostics (never a secret)
 */
public record RegistrationRecord(String carrier, String callId, String fromTag, long cseq, String contact,
                                 long expiresAtMillis, String lastRealm, String lastNonce) {
}
