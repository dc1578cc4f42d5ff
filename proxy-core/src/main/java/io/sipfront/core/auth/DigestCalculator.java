package io.sipfront.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digest response of RFC 7616 §3.4.1 (and RFC 2617, RFC 2069 without qop) for MD5, SHA-256 and SHA-512/256,
 * plain or {@code -sess}. JAIN-SIP's own helper hard-codes MD5 whatever the challenge names, so it is not used.
 * Strings are hashed as UTF-8; the result is lowercase hex.
 */
public final class DigestCalculator {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DigestCalculator() {
    }

    /** The inputs of one response. {@code qop} null means the RFC 2069 form (no nc, no cnonce). */
    public record Input(DigestAlgorithm algorithm, String username, String realm, char[] password, String method,
                        String digestUri, String nonce, String qop, String nc, String cnonce) {
        @Override
        public String toString() {
            return "Input[" + algorithm.token() + " " + username + "@" + realm + " " + method + " " + digestUri + "]";
        }
    }

    public static String response(Input in) {
        DigestAlgorithm a = in.algorithm();
        String ha1 = hash(a, in.username() + ":" + in.realm() + ":", in.password());
        if (a.session()) {
            ha1 = hash(a, ha1 + ":" + in.nonce() + ":" + in.cnonce());
        }
        String ha2 = hash(a, in.method() + ":" + in.digestUri());
        if (in.qop() == null) {
            return hash(a, ha1 + ":" + in.nonce() + ":" + ha2);
        }
        return hash(a, ha1 + ":" + in.nonce() + ":" + in.nc() + ":" + in.cnonce() + ":" + in.qop() + ":" + ha2);
    }

    static String hash(DigestAlgorithm a, String text) {
        return hash(a, text, new char[0]);
    }

    /** H(prefix + secret), the secret encoded straight into the digest so it never becomes a String. */
    private static String hash(DigestAlgorithm a, String prefix, char[] secret) {
        MessageDigest md = digest(a);
        md.update(prefix.getBytes(StandardCharsets.UTF_8));
        if (secret.length > 0) {
            java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secret));
            byte[] b = new byte[bytes.remaining()];
            bytes.get(b);
            md.update(b);
            java.util.Arrays.fill(b, (byte) 0);
        }
        byte[] d = md.digest();
        char[] out = new char[d.length * 2];
        for (int i = 0; i < d.length; i++) {
            out[2 * i] = HEX[(d[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[d[i] & 0xf];
        }
        return new String(out);
    }

    private static MessageDigest digest(DigestAlgorithm a) {
        try {
            return MessageDigest.getInstance(a.jdkName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + a.jdkName(), e); // every Java 17 JDK has all three
        }
    }
}
