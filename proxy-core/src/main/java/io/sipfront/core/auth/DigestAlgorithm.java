package io.sipfront.core.auth;

import java.util.Locale;

/**
 * The digest algorithms of RFC 7616 §3.3 that SIP uses (RFC 8760), with the JDK name of each hash. Strength orders
 * the choice when a challenge offers several: never MD5 when SHA-256 is offered.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false, 0),
    MD5_SESS("MD5-sess", "MD5", true, 0),
    SHA_256("SHA-256", "SHA-256", false, 1),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true, 1),
    SHA_512_256("SHA-512-256", "SHA-512/256", false, 2),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true, 2);

    private final String token;
    private final String jdkName;
    private final boolean session;
    private final int strength;

    DigestAlgorithm(String token, String jdkName, boolean session, int strength) {
        this.token = token;
        this.jdkName = jdkName;
        this.session = session;
        this.strength = strength;
    }

    /** As written in the {@code algorithm} parameter. */
    public String token() {
        return token;
    }

    String jdkName() {
        return jdkName;
    }

    boolean session() {
        return session;
    }

    int strength() {
        return strength;
    }

    /** The algorithm a challenge names (case-insensitive; absent means MD5), or null when not supported. */
    public static DigestAlgorithm parse(String token) {
        if (token == null || token.isEmpty()) {
            return MD5;
        }
        String t = token.trim();
        for (DigestAlgorithm a : values()) {
            if (a.token.toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        return null;
    }
}
