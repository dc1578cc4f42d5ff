package io.sipfront.core.registration;

/**
 * One account's registration as the API, {@code ctl registrations} and the metrics show it.
 *
 * @param expiresInS seconds left of the granted binding (0 when not registered)
 * @param lastError  why the last attempt failed, or null
 */
public record RegistrationStatus(String carrier, String aor, String registrar, String contact, boolean active,
                                 boolean registered, long expiresInS, int grantedS, String callId, long cseq,
                                 String lastError, long failures) {
}
