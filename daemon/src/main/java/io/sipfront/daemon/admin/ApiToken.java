package io.sipfront.daemon.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer token mutating admin calls must carry. Compared in constant time, so the time an answer takes does
 * not tell an attacker how many leading characters were right.
 */
public final class ApiToken {
    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final String unavailableReason;

    private ApiToken(byte[] token, String unavailableReason) {
        this.token = token;
        this.unavailableReason = unavailableReason;
    }

    public static ApiToken of(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("empty token");
        }
        return new ApiToken(token.getBytes(StandardCharsets.UTF_8), null);
    }

    /** No token could be set up (e.g. the token file cannot be written): every mutating call is refused. */
    public static ApiToken unavailable(String reason) {
        return new ApiToken(null, reason);
    }

    /** Why mutating calls are refused outright, or {@code null} when a token is set. */
    public String unavailableReason() {
        return unavailableReason;
    }

    /** True when {@code authorization} is {@code Bearer <the token>}. */
    public boolean accepts(String authorization) {
        if (token == null || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] offered = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, offered);
    }
}
