package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.core.auth.DigestAlgorithm;
import io.sipfront.core.auth.DigestCalculator;
import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shipped config/examples/carrier-accounts.yaml, unchanged, next to its own secrets/carrier-a.password: the
 * outbound registration against a registrar played by the test (423 and Min-Expires, a 401 challenge, refreshes on
 * the same Call-ID, the registrar down and back), a call to carrier-a that SIPp challenges and checks (its own digest
 * verification, the CSeq renumbering of ACK and BYE), a call from carrier-a to the registered contact, and the
 * password in no output. Tests run in order on one daemon.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CarrierAccountsIT extends E2eBase {
    static final String PASSWORD = "e2e-Carrier-A-pw-5k2";
    static final String API = "http://127.0.0.1:9060";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private SipPeer registrar;
    private long startedNanos;
    private Path configDir;

    @Override
    protected String configName() {
        return "carrier-accounts.yaml";
    }

    /** The example as shipped, copied next to this test's secrets file; the registrar listens before the start. */
    @Override
    protected Path configFile(Path classDir) throws IOException {
        configDir = classDir.resolve("config");
        Files.createDirectories(configDir.resolve("secrets"));
        Path file = configDir.resolve("carrier-accounts.yaml");
        Files.copy(E2e.home().resolve("config/examples/carrier-accounts.yaml"), file);
        Files.writeString(configDir.resolve("secrets/carrier-a.password"), PASSWORD + "\n");
        registrar = new SipPeer(CARRIER_A, 5060);
        startedNanos = System.nanoTime();
        return file;
    }

    @AfterAll
    void closeRegistrar() {
        if (registrar != null) {
            registrar.close();
        }
    }

    private SipMessage register(String what) throws IOException {
        return registrar.receive(m -> m.isRequest() && m.method().equals("REGISTER"), WAIT, what);
    }

    private static long cseq(SipMessage m) {
        return m.cseqNumber();
    }

    private static String callId(SipMessage m) {
        return m.callId();
    }

    private void reply(SipMessage request, int code, String reason, String name, String value) throws IOException {
        SipMessage.Builder b = SipPeer.response(request, code, reason, "reg1");
        if (name != null) {
            b.header(name, value);
        }
        registrar.reply(b.build());
    }

    @Test
    @Order(1)
    void registersWithin10sHonoursMinExpiresAnswersTheChallengeAndRefreshesTheSameBinding() throws Exception {
        SipMessage first = register("the first REGISTER");
        assertTrue(System.nanoTime() - startedNanos < Duration.ofSeconds(10).toNanos(), "within 10 s of start");
        assertEquals("REGISTER sip:127.0.0.20:5060 SIP/2.0", first.startLine());
        assertTrue(first.header("To").orElseThrow().contains("sip:sipfront-a@carrier-a.sipfront.test"));
        assertTrue(first.header("Contact").orElseThrow().contains("sip:sipfront-a@127.0.0.1:5060"));
        assertEquals("300", first.header("Expires").orElseThrow().trim());
        reply(first, 423, "Interval Too Brief", "Min-Expires", "600");

        SipMessage second = register("the REGISTER after 423");
        assertEquals(callId(first), callId(second));
        assertEquals(cseq(first) + 1, cseq(second));
        assertEquals("600", second.header("Expires").orElseThrow().trim());
        reply(second, 401, "Unauthorized", "WWW-Authenticate",
                "Digest realm=\"carrier-a.sipfront.test\", nonce=\"e2e-nonce-1\", qop=\"auth\", algorithm=MD5");

        SipMessage third = register("the authenticated REGISTER");
        assertEquals(callId(first), callId(third));
        assertEquals(cseq(second) + 1, cseq(third));
        assertValidAuthorization(third.header("Authorization").orElseThrow());
        reply(third, 200, "OK", "Contact", "<sip:sipfront-a@127.0.0.1:5060>;expires=3");

        SipMessage refresh = register("the refresh at half the granted 3 s");
        assertEquals(callId(first), callId(refresh), "a refresh of the same binding");
        assertEquals(cseq(third) + 1, cseq(refresh));
        reply(refresh, 200, "OK", "Contact", "<sip:sipfront-a@127.0.0.1:5060>;expires=3");
        awaitBody(API + "/api/v1/registrations", "\"registered\":true");
        awaitBody(API + "/metrics", "sipfront_registration_registered{carrier=\"carrier-a\"} 1");
    }

    @Test
    @Order(2)
    void aSilentRegistrarIsRetriedWithGrowingDelaysThenRegisteredAgain() throws Exception {
        SipMessage unanswered = register("the next refresh");
        long lastCseq = cseq(unanswered);
        long t0 = System.nanoTime();
        // Not answered: after 4 s the try fails; retries follow 2 s and then 4 s after each failure.
        SipMessage retry1 = registrar.receive(m -> m.isRequest() && cseq(m) > cseq(unanswered), WAIT, "retry 1");
        long t1 = System.nanoTime();
        awaitBody(API + "/api/v1/registrations", "\"registered\":false");
        awaitBody(API + "/api/v1/registrations", "no answer from the registrar");
        SipMessage retry2 = registrar.receive(m -> m.isRequest() && cseq(m) > cseq(retry1), WAIT, "retry 2");
        long t2 = System.nanoTime();
        assertTrue(Duration.ofNanos(t1 - t0).toMillis() >= 5_500, "4 s answer timeout + 2 s: " + (t1 - t0) / 1e6);
        assertTrue(Duration.ofNanos(t2 - t1).toMillis() >= 7_500, "4 s answer timeout + 4 s: " + (t2 - t1) / 1e6);
        assertEquals(callId(unanswered), callId(retry2));
        assertTrue(cseq(retry2) > lastCseq);
        reply(retry2, 200, "OK", "Contact", "<sip:sipfront-a@127.0.0.1:5060>;expires=300");
        awaitBody(API + "/api/v1/registrations", "\"registered\":true");
        registrar.close(); // the next refresh is 150 s away; SIPp takes over carrier-a's port below
        registrar = null;
    }

    @Test
    @Order(3)
    void aCallToCarrierAIsAuthenticatedBySipfrontAndItsDialogRenumbered() throws Exception {
        try (Run carrier = uas("uas-challenge.xml", "carrier-a").local(CARRIER_A).set("password", PASSWORD)
                .start()) {
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).service(E2e.CALLED).calls(1)
                    .callIdPrefix("acct").start().await(SHORT_RUN);
            Result c = carrier.stop();
            caller.assertAllSucceeded(1);
            c.assertNoFailures("authenticated", 1);
            assertEquals(1, c.counter("bye"), () -> withLog(c.evidence()));
            assertFalse(caller.evidence().contains("401"), "the platform never sees the challenge");
        }
    }

    @Test
    @Order(4)
    void aCallToTheRegisteredContactReachesThePlatformWithTheCalledNumberInE164() throws Exception {
        try (Run p1 = uas("uas-expect-e164.xml", "platform-1").local(PLATFORM_1).start();
             Run p2 = uas("uas-expect-e164.xml", "platform-2").local(PLATFORM_2).start()) {
            Result carrier = uac("uac-to-contact.xml", "carrier-a").local(CARRIER_A, 5070)
                    .service("+442079460000").set("caller", "+442071234567").set("contact", "sipfront-a")
                    .calls(1).callIdPrefix("contact").start().await(SHORT_RUN);
            Result r1 = p1.stop();
            Result r2 = p2.stop();
            assertEquals(1, r1.counter("invite") + r2.counter("invite"), () -> withLog(r1.evidence() + r2.evidence()));
            assertEquals(0, r1.failed() + r2.failed(), () -> withLog(r1.evidence() + r2.evidence()));
            carrier.assertAllSucceeded(1);
        }
    }

    @Test
    @Order(5)
    void thePasswordIsInNoLogAuditLineMetricOrApiAnswer() throws Exception {
        List<String> outputs = List.of(sipfront.settledLog(), String.join("\n", sipfront.auditLines()),
                get(API + "/metrics").body(), get(API + "/api/v1/registrations").body(),
                get(API + "/api/v1/destinations").body(), get(API + "/health").body());
        for (String out : outputs) {
            assertFalse(out.contains(PASSWORD), "the password leaked:\n" + out);
        }
        assertTrue(sipfront.log().contains("registration of carrier-a"), "the log was read");
        assertFalse(sipfront.auditLines().isEmpty(), "the audit trail was read");
    }

    private static final Pattern PARAM = Pattern.compile("(\\w+)=(\"([^\"]*)\"|[^,\\s]+)");

    /** The REGISTER's answer against the RFC 7616 formula (Kamailio and SIPp check the same code elsewhere). */
    private static void assertValidAuthorization(String header) {
        java.util.Map<String, String> p = new java.util.HashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            p.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
        }
        assertEquals("sipfront-a", p.get("username"));
        assertEquals("sip:127.0.0.20:5060", p.get("uri"));
        assertEquals("e2e-nonce-1", p.get("nonce"));
        assertEquals(DigestCalculator.response(new DigestCalculator.Input(DigestAlgorithm.MD5, "sipfront-a",
                "carrier-a.sipfront.test", PASSWORD.toCharArray(), "REGISTER", p.get("uri"), p.get("nonce"), "auth",
                p.get("nc"), p.get("cnonce"))), p.get("response"), header);
    }

    private void awaitBody(String url, String fragment) throws Exception {
        AdminPoll.awaitBody(url, fragment, WAIT, sipfront);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return AdminPoll.get(url, WAIT);
    }
}
