package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.CARRIER_B;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.config.AccountSettings;
import io.sipfront.config.Accounts;
import io.sipfront.config.AccountsSection;
import io.sipfront.config.RegistrationSettings;
import io.sipfront.config.Secret;
import io.sipfront.core.auth.DigestAlgorithm;
import io.sipfront.core.auth.DigestCalculator;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import io.sipfront.core.testing.TestConfigs;
import io.sipfront.net.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Digest answers to carriers' challenges, dialog CSeq offsets, and pass-through for carriers without account. */
class ProxyCarrierAuthTest {
    static final String PASSWORD = "pw-Zq81!x";

    static ProxyHarness harness(String carrierWithAccount) {
        AccountSettings account = new AccountSettings(carrierWithAccount, "sipfront-a", Optional.empty(),
                new Secret(PASSWORD.toCharArray(), "test"), Optional.of(new RegistrationSettings(
                        "sip:127.0.0.20:5060", new InetSocketAddress(TestConfigs.ip("127.0.0.20"), 5060),
                        Transport.UDP, "sip:sipfront-a@carrier-a.sipfront.test", "sipfront-a", 300)));
        return new ProxyHarness(TestConfigs.loopback().withSection(AccountsSection.SECTION,
                new Accounts(List.of(account))));
    }

    private final ProxyHarness h = harness("carrier-a");

    /** A downstream response with one or more challenge headers. */
    static String challenge(SIPRequest req, int status, String... headers) {
        String r = Sip.respond(req, status, status == 407 ? "Proxy Authentication Required" : "Unauthorized",
                "ch" + req.getCSeq().getSeqNumber(), null);
        StringBuilder extra = new StringBuilder();
        for (String header : headers) {
            extra.append(status == 407 ? "Proxy-Authenticate: " : "WWW-Authenticate: ").append(header).append("\r\n");
        }
        return r.replace("Content-Length: 0", extra + "Content-Length: 0");
    }

    static Out only(List<Out> out, String method) {
        List<Out> m = out.stream().filter(o -> o.isRequest(method)).toList();
        assertEquals(1, m.size(), out.toString());
        return m.get(0);
    }

    /** Checks the answer against an independent computation from the fields it carries. */
    static void assertValidAnswer(SIPRequest req, String header, DigestAlgorithm algorithm, String qop) {
        AuthenticationHeader a = (AuthenticationHeader) req.getHeader(header);
        assertNotNull(a, header + " in " + req);
        assertEquals("sipfront-a", a.getUsername());
        String uri = req.getRequestURI().toString();
        assertTrue(a.encode().contains("uri=\"" + uri + "\""), "uri is the Request-URI as sent: " + a.encode());
        assertEquals(algorithm.token(), a.getAlgorithm());
        assertEquals(qop, a.getQop());
        String nc = qop == null ? null : String.format("%08x", a.getNonceCount());
        String expected = DigestCalculator.response(new DigestCalculator.Input(algorithm, "sipfront-a", a.getRealm(),
                PASSWORD.toCharArray(), req.getMethod(), uri, a.getNonce(), qop, nc, a.getCNonce()));
        assertEquals(expected, a.getResponse());
        assertFalse(req.encode().contains(PASSWORD));
    }

    /** INVITE from the platform, 401 from carrier-a, answered; returns the authenticated INVITE. */
    private SIPRequest challengedCall(String callId, int status, String... challengeHeaders) {
        h.receive(Sip.invite(callId), PLATFORM);
        SIPRequest first = only(h.drain(), "INVITE").request();
        h.receive(challenge(first, status, challengeHeaders), CARRIER_A);
        List<Out> out = h.drain();
        assertTrue(out.stream().noneMatch(o -> o.status() >= 400), "the platform never sees the challenge: " + out);
        only(out, "ACK");
        Out retry = only(out, "INVITE");
        assertEquals(CARRIER_A, retry.to(), "the same destination");
        SIPRequest r = retry.request();
        assertEquals(2, r.getCSeq().getSeqNumber(), "CSeq+1");
        assertNotEquals(first.getTopmostVia().getBranch(), r.getTopmostVia().getBranch(), "a new branch");
        assertEquals(first.getRequestURI().toString(), r.getRequestURI().toString());
        return r;
    }

    @Test
    void md5WithQopIn401IsAnsweredAndTheDialogIsRenumberedBothWays() {
        SIPRequest retry = challengedCall("c1", 401,
                "Digest realm=\"carrier-a.sipfront.test\", nonce=\"n-1\", opaque=\"o-1\", qop=\"auth\"");
        assertValidAnswer(retry, "Authorization", DigestAlgorithm.MD5, "auth");
        assertTrue(retry.getHeader("Authorization").toString().contains("opaque=\"o-1\""), "opaque echoed");
        h.receive(Sip.respond(retry, 200, "OK", "callee", "127.0.0.20:5060"), CARRIER_A);
        Out ok = h.drain().get(0);
        assertEquals(200, ok.status());
        assertEquals(PLATFORM, ok.to());
        assertEquals(1, ok.response().getCSeq().getSeqNumber(), "the platform's own CSeq");
        assertEquals(1, h.context.auth().answered.sum());
        // A retransmitted 200 (the first one lost on its way up) goes up in the platform's numbers too.
        h.receive(Sip.respond(retry, 200, "OK", "callee", "127.0.0.20:5060"), CARRIER_A);
        Out again = h.drain().get(0);
        assertEquals(200, again.status());
        assertEquals(1, again.response().getCSeq().getSeqNumber());
        assertEquals(0, h.context.stats().internalErrors.sum());

        // ACK of the 200 and BYE from the platform: renumbered toward the carrier.
        h.receive(inDialog("ACK", 1, "c1"), PLATFORM);
        assertEquals(2, only(h.drain(), "ACK").request().getCSeq().getSeqNumber());
        h.receive(inDialog("BYE", 2, "c1"), PLATFORM);
        SIPRequest bye = only(h.drain(), "BYE").request();
        assertEquals(3, bye.getCSeq().getSeqNumber());
        h.receive(Sip.respond(bye, 200, "OK", null, null), CARRIER_A);
        Out byeOk = h.drain().get(0);
        assertEquals(2, byeOk.response().getCSeq().getSeqNumber(), "the 200 of the BYE in the platform's numbers");
        // The dialog is over: its offset is gone, a stray BYE would not be renumbered.
        assertEquals(0, h.laneAuth().cseq.size());
    }

    @Test
    void sha256WithoutQopIn407() {
        SIPRequest retry = challengedCall("c2", 407,
                "Digest realm=\"carrier-a.sipfront.test\", nonce=\"n-2\", algorithm=SHA-256");
        assertValidAnswer(retry, "Proxy-Authorization", DigestAlgorithm.SHA_256, null);
        assertTrue(retry.getHeader("Proxy-Authorization").toString().contains("algorithm=SHA-256"));
        assertNull(retry.getHeader("Authorization"));
    }

    @Test
    void sha256WithQopAndMd5OfferedTogetherTakesSha256() {
        SIPRequest retry = challengedCall("c3", 401, "Digest realm=\"r\", nonce=\"m\", algorithm=MD5, qop=\"auth\"",
                "Digest realm=\"r\", nonce=\"s\", algorithm=SHA-256, qop=\"auth\"");
        assertValidAnswer(retry, "Authorization", DigestAlgorithm.SHA_256, "auth");
    }

    @Test
    void aStaleNonceIsAnsweredOnceMoreNotCountedAsWrongCredentials() {
        SIPRequest retry = challengedCall("c4", 407, "Digest realm=\"r\", nonce=\"old\", qop=\"auth\"");
        h.receive(challenge(retry, 407, "Digest realm=\"r\", nonce=\"fresh\", qop=\"auth\", stale=true"), CARRIER_A);
        List<Out> out = h.drain();
        SIPRequest again = only(out, "INVITE").request();
        assertEquals(3, again.getCSeq().getSeqNumber());
        assertEquals("fresh", ((AuthenticationHeader) again.getHeader("Proxy-Authorization")).getNonce());
        assertValidAnswer(again, "Proxy-Authorization", DigestAlgorithm.MD5, "auth");
        assertEquals(0, h.context.auth().rejected.sum());
        h.receive(Sip.respond(again, 200, "OK", "callee", "127.0.0.20:5060"), CARRIER_A);
        Out ok = h.drain().get(0);
        assertEquals(1, ok.response().getCSeq().getSeqNumber());
        h.receive(inDialog("ACK", 1, "c4"), PLATFORM);
        assertEquals(3, only(h.drain(), "ACK").request().getCSeq().getSeqNumber(), "offset 2 after two retries");
    }

    @Test
    void aSecondChallengeMeansWrongCredentialsAndFailsOverWithoutALoop() {
        SIPRequest retry = challengedCall("c5", 401, "Digest realm=\"r\", nonce=\"a\"");
        h.receive(challenge(retry, 401, "Digest realm=\"r\", nonce=\"b\""), CARRIER_A);
        List<Out> out = h.drain();
        Out next = only(out, "INVITE");
        assertEquals(CARRIER_B, next.to(), "failover to the next carrier");
        assertEquals(1, next.request().getCSeq().getSeqNumber(), "carrier-b gets the platform's CSeq");
        assertNull(next.request().getHeader("Authorization"), "carrier-a's credentials never go elsewhere");
        assertTrue(out.stream().noneMatch(o -> o.status() >= 400), out.toString());
        assertEquals(1, h.context.auth().rejected.sum());
        h.receive(Sip.respond(next.request(), 200, "OK", "b", "127.0.0.21:5060"), CARRIER_B);
        Out ok = h.drain().get(0);
        assertEquals(200, ok.status());
        assertEquals(1, ok.response().getCSeq().getSeqNumber());
        assertEquals("carrier-a:auth-failed,carrier-b:200", h.attempts(0));
        h.receive(inDialog("ACK", 1, "c5").replace("127.0.0.20", "127.0.0.21"), PLATFORM);
        assertEquals(1, only(h.drain(), "ACK").request().getCSeq().getSeqNumber(), "no offset toward carrier-b");
    }

    @Test
    void wrongCredentialsOnTheLastCarrierAnswer503NeverTheChallenge() {
        ProxyHarness one = new ProxyHarness(TestConfigs.loopback(
                new io.sipfront.config.ProxySettings(1, false), "udp").withSection(AccountsSection.SECTION,
                h.context.config().section(AccountsSection.SECTION)));
        one.receive(Sip.invite("c6"), PLATFORM);
        SIPRequest first = only(one.drain(), "INVITE").request();
        one.receive(challenge(first, 401, "Digest realm=\"r\", nonce=\"a\""), CARRIER_A);
        SIPRequest retry = only(one.drain(), "INVITE").request();
        one.receive(challenge(retry, 401, "Digest realm=\"r\", nonce=\"b\""), CARRIER_A);
        List<Out> out = one.drain();
        assertTrue(out.stream().noneMatch(o -> o.isRequest("INVITE")), "no third INVITE: " + out);
        assertEquals(503, out.stream().filter(o -> o.status() >= 300).findFirst().orElseThrow().status());
    }

    @Test
    void anInDialogByeTheCarrierChallengesIsAnsweredToo() {
        SIPRequest retry = challengedCall("c7", 401, "Digest realm=\"r\", nonce=\"a\", qop=\"auth\"");
        h.receive(Sip.respond(retry, 200, "OK", "callee", "127.0.0.20:5060"), CARRIER_A);
        h.drain();
        h.receive(inDialog("BYE", 2, "c7"), PLATFORM);
        SIPRequest bye = only(h.drain(), "BYE").request();
        assertEquals(3, bye.getCSeq().getSeqNumber());
        h.receive(challenge(bye, 401, "Digest realm=\"r\", nonce=\"a\", qop=\"auth\""), CARRIER_A);
        List<Out> out = h.drain();
        assertTrue(out.stream().noneMatch(o -> o.status() > 0), "nothing to the platform yet: " + out);
        SIPRequest byeRetry = only(out, "BYE").request();
        assertEquals(4, byeRetry.getCSeq().getSeqNumber());
        assertValidAnswer(byeRetry, "Authorization", DigestAlgorithm.MD5, "auth");
        assertEquals(2, ((AuthenticationHeader) byeRetry.getHeader("Authorization")).getNonceCount(),
                "the same nonce a second time: nc 2");
        h.receive(Sip.respond(byeRetry, 200, "OK", null, null), CARRIER_A);
        Out ok = h.drain().get(0);
        assertEquals(200, ok.status());
        assertEquals(2, ok.response().getCSeq().getSeqNumber());
    }

    @Test
    void aCarrierWithoutAccountPassesItsChallengeAndTheRetryIsPinnedToIt() {
        ProxyHarness b = harness("carrier-a"); // carrier-b has no account
        b.receive(Sip.invite("c8"), PLATFORM);
        SIPRequest toA = only(b.drain(), "INVITE").request();
        b.receive(Sip.respond(toA, 503, "Busy Here", "a", null), CARRIER_A);
        SIPRequest toB = only(b.drain(), "INVITE").request();
        String header = "Digest realm=\"carrier-b\", nonce=\"nb\", qop=\"auth\"";
        b.receive(challenge(toB, 407, header), CARRIER_B);
        Out up = b.drain().stream().filter(o -> o.status() == 407).findFirst().orElseThrow();
        assertEquals(PLATFORM, up.to());
        // Unchanged in content (JAIN-SIP re-encodes without the blanks after commas).
        assertTrue(up.text().contains("Proxy-Authenticate: " + header.replace(", ", ",")), up.text());
        assertEquals(1, b.context.auth().passedThrough.sum());
        b.receive(inDialog("ACK", 1, "c8").replace("tag=callee", "tag=ch1")
                .replace("Route: <sip:127.0.0.1:5060;lr>\r\n", "")
                .replace("branch=z9hG4bK-ACK1c8", "branch=z9hG4bK-c8"), PLATFORM);
        b.drain();
        // The platform's retry: same Call-ID, CSeq 2, credentials. Routing alone would pick carrier-a first.
        b.receive(Sip.invite("c8", "z9hG4bK-c8-2", PLATFORM,
                "Proxy-Authorization: Digest username=\"pbx\", realm=\"carrier-b\", nonce=\"nb\", "
                        + "uri=\"sip:15551234567@127.0.0.21:5060\", response=\"0123\"\r\n")
                .replace("CSeq: 1 INVITE", "CSeq: 2 INVITE"), PLATFORM);
        Out retry = only(b.drain(), "INVITE");
        assertEquals(CARRIER_B, retry.to(), "pinned to the carrier that challenged");
        assertEquals(2, retry.request().getCSeq().getSeqNumber(), "the platform's own retry, unchanged");
        assertTrue(retry.text().contains("response=\"0123\""));
    }

    @Test
    void withoutCredentialsANewCallWithTheSameCallIdIsRoutedNormally() {
        ProxyHarness b = harness("carrier-b");
        b.receive(Sip.invite("c9"), PLATFORM);
        SIPRequest toA = only(b.drain(), "INVITE").request();
        b.receive(challenge(toA, 401, "Digest realm=\"a\", nonce=\"x\""), CARRIER_A);
        assertEquals(401, b.drain().stream().filter(o -> o.status() >= 300).findFirst().orElseThrow().status());
        b.advance(33_000); // the pin expires
        b.drain();
        b.receive(Sip.invite("c9", "z9hG4bK-c9-2", PLATFORM, "Authorization: Digest username=\"u\", realm=\"a\", "
                + "nonce=\"x\", uri=\"sip:x@y\", response=\"1\"\r\n").replace("CSeq: 1", "CSeq: 2"), PLATFORM);
        assertEquals(CARRIER_A, only(b.drain(), "INVITE").to());
    }

    @Test
    void aCallToTheRegisteredContactReachesThePlatformWithTheCalledNumber() {
        h.receive("INVITE sip:sipfront-a@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.20:5060;branch=z9hG4bK-in1\r\n"
                + "From: <sip:+442071234567@carrier-a.sipfront.test>;tag=in1\r\n"
                + "To: <sip:+15551234567@carrier-a.sipfront.test>\r\n"
                + "Call-ID: in1\r\nCSeq: 1 INVITE\r\nContact: <sip:c@127.0.0.20>\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n", CARRIER_A);
        Out in = only(h.drain(), "INVITE");
        assertEquals(PLATFORM, in.to());
        assertEquals("+15551234567", ((gov.nist.javax.sip.address.SipUri) in.request().getRequestURI()).getUser());
    }

    /** An in-dialog request from the platform, routed through us to carrier-a. */
    static String inDialog(String method, int cseq, String callId) {
        return method + " sip:callee@127.0.0.20:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-" + method + cseq + callId + "\r\n"
                + "Route: <sip:127.0.0.1:5060;lr>\r\n"
                + "From: \"Caller\" <sip:+442071234567@127.0.0.10:5060>;tag=from-" + callId + "\r\n"
                + "To: <sip:15551234567@127.0.0.1>;tag=callee\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }
}
