package io.sipfront.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.config.AccountSettings;
import io.sipfront.config.Secret;
import io.sipfront.core.testing.ProxyHarness;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestAnswerTest {
    static final AccountSettings ACCOUNT = new AccountSettings("carrier-a", "sipfront-a", Optional.empty(),
            new Secret("s3cret-Pw!".toCharArray(), "test"), Optional.empty());

    static SIPResponse challenge(int status, String header) {
        String name = status == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
        return (SIPResponse) ProxyHarness.parse(("SIP/2.0 " + status + " Unauthorized\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKsfx\r\n"
                + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n"
                + header.replace("H:", name + ":") + "Content-Length: 0\r\n\r\n").getBytes());
    }

    @Test
    void sha256WithQopWritesEveryField() {
        Challenge c = Challenge.of(challenge(401, "H: Digest realm=\"r.test\", nonce=\"n1\", opaque=\"op\", "
                + "algorithm=SHA-256, qop=\"auth,auth-int\"\r\n"));
        assertNotNull(c);
        AuthenticationHeader h = DigestAnswer.build(c, ACCOUNT, "INVITE", "sip:+4420@127.0.0.20:5060", 1, "cn");
        String text = h.encode();
        assertTrue(text.startsWith("Authorization: Digest "), text);
        assertTrue(text.contains("uri=\"sip:+4420@127.0.0.20:5060\""), text);
        assertTrue(text.contains("algorithm=SHA-256"), text);
        assertTrue(text.contains("opaque=\"op\""), text);
        assertTrue(text.contains("qop=auth"), text);
        assertTrue(text.contains("nc=00000001"), text);
        assertTrue(text.contains("cnonce=\"cn\""), text);
        String expected = DigestCalculator.response(new DigestCalculator.Input(DigestAlgorithm.SHA_256, "sipfront-a",
                "r.test", "s3cret-Pw!".toCharArray(), "INVITE", "sip:+4420@127.0.0.20:5060", "n1", "auth",
                "00000001", "cn"));
        assertTrue(text.contains("response=\"" + expected + "\""), text);
        assertFalse(text.contains("s3cret"), text);
    }

    @Test
    void md5WithoutQopIn407() {
        Challenge c = Challenge.of(challenge(407, "H: Digest realm=\"r\", nonce=\"n\"\r\n"));
        assertTrue(c.proxy());
        assertNull(c.qop());
        String text = DigestAnswer.build(c, ACCOUNT, "BYE", "sip:u@1.2.3.4", 1, "cn").encode();
        assertTrue(text.startsWith("Proxy-Authorization: Digest "), text);
        assertFalse(text.contains("cnonce"), text);
        assertFalse(text.contains("nc="), text);
        assertTrue(text.contains("algorithm=MD5"), text);
    }

    @Test
    void strongestOfSeveralChallengesAndStale() {
        Challenge c = Challenge.of(challenge(407, "H: Digest realm=\"r\", nonce=\"m\", algorithm=MD5\r\n"
                + "H: Digest realm=\"r\", nonce=\"s\", algorithm=SHA-256, stale=true\r\n"));
        assertEquals(DigestAlgorithm.SHA_256, c.algorithm());
        assertEquals("s", c.nonce());
        assertTrue(c.stale());
    }

    @Test
    void authIntOnlyOrUnknownAlgorithmIsNotAnswered() {
        assertNull(Challenge.of(challenge(401, "H: Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"\r\n")));
        assertNull(Challenge.of(challenge(401, "H: Digest realm=\"r\", nonce=\"n\", algorithm=AKAv1-MD5\r\n")));
    }
}
