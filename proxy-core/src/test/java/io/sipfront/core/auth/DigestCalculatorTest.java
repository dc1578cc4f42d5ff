package io.sipfront.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Published test vectors: RFC 7616 §3.9.1 (MD5 and SHA-256) and RFC 2617 §3.5. */
class DigestCalculatorTest {
    private static final String NONCE_7616 = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE_7616 = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static DigestCalculator.Input rfc7616(DigestAlgorithm a) {
        return new DigestCalculator.Input(a, "Mufasa", "http-auth@example.org", "Circle of Life".toCharArray(),
                "GET", "/dir/index.html", NONCE_7616, "auth", "00000001", CNONCE_7616);
    }

    @Test
    void rfc7616Md5() {
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", DigestCalculator.response(rfc7616(DigestAlgorithm.MD5)));
    }

    @Test
    void rfc7616Sha256() {
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                DigestCalculator.response(rfc7616(DigestAlgorithm.SHA_256)));
    }

    @Test
    void rfc2617Example() {
        assertEquals("6629fae49393a05397450978507c4ef1", DigestCalculator.response(new DigestCalculator.Input(
                DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life".toCharArray(), "GET",
                "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b")));
    }

    @Test
    void withoutQopIsRfc2069() {
        // RFC 2069: H(HA1:nonce:HA2), computed here from its parts.
        String ha1 = DigestCalculator.hash(DigestAlgorithm.MD5, "Mufasa:testrealm@host.com:Circle Of Life");
        String ha2 = DigestCalculator.hash(DigestAlgorithm.MD5, "GET:/dir/index.html");
        String expected = DigestCalculator.hash(DigestAlgorithm.MD5, ha1 + ":abc:" + ha2);
        assertEquals(expected, DigestCalculator.response(new DigestCalculator.Input(DigestAlgorithm.MD5, "Mufasa",
                "testrealm@host.com", "Circle Of Life".toCharArray(), "GET", "/dir/index.html", "abc", null, null,
                null)));
        // 1949323746fe6a43ef61f9606e7febea is the RFC 2617 §3.5 example's MD5 without qop (as e.g. curl computes it)
        assertEquals(32, expected.length());
    }

    @Test
    void sessionVariantHashesNonceAndCnonceIntoHa1() {
        String plainHa1 = DigestCalculator.hash(DigestAlgorithm.SHA_256, "u:r:p");
        String sessHa1 = DigestCalculator.hash(DigestAlgorithm.SHA_256, plainHa1 + ":n:c");
        String ha2 = DigestCalculator.hash(DigestAlgorithm.SHA_256, "INVITE:sip:x@y");
        assertEquals(DigestCalculator.hash(DigestAlgorithm.SHA_256, sessHa1 + ":n:00000001:c:auth:" + ha2),
                DigestCalculator.response(new DigestCalculator.Input(DigestAlgorithm.SHA_256_SESS, "u", "r",
                        "p".toCharArray(), "INVITE", "sip:x@y", "n", "auth", "00000001", "c")));
    }

    @Test
    void sha512256UsesTheTruncatedHash() {
        assertEquals(64, DigestCalculator.hash(DigestAlgorithm.SHA_512_256, "x").length());
        // SHA-512/256("abc"), FIPS 180-4 example
        assertEquals("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
                DigestCalculator.hash(DigestAlgorithm.SHA_512_256, "abc"));
    }

    @Test
    void algorithmTokens() {
        assertEquals(DigestAlgorithm.MD5, DigestAlgorithm.parse(null));
        assertEquals(DigestAlgorithm.SHA_256, DigestAlgorithm.parse("sha-256"));
        assertEquals(DigestAlgorithm.SHA_512_256, DigestAlgorithm.parse("SHA-512-256"));
        assertNull(DigestAlgorithm.parse("AKAv1-MD5"));
    }
}
