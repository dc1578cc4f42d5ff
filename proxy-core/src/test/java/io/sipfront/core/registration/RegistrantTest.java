package io.sipfront.core.registration;

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
import io.sipfront.config.RegistrationSettings;
import io.sipfront.config.Secret;
import io.sipfront.core.auth.DigestAlgorithm;
import io.sipfront.core.auth.DigestCalculator;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.TestConfigs;
import io.sipfront.net.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One account's registration against a scripted registrar, on the harness's lane with its fake clock. */
class RegistrantTest {
    static final String REGISTRAR = "127.0.0.20:5060";
    static final String PASSWORD = "reg-Pw-77";
    static final AccountSettings ACCOUNT = new AccountSettings("carrier-a", "sipfront-a",
            Optional.of("carrier-a.sipfront.test"), new Secret(PASSWORD.toCharArray(), "test"),
            Optional.of(new RegistrationSettings("sip:127.0.0.20:5060",
                    new InetSocketAddress(TestConfigs.ip("127.0.0.20"), 5060), Transport.UDP,
                    "sip:sipfront-a@carrier-a.sipfront.test", "sipfront-a", 300)));

    private final ProxyHarness h = new ProxyHarness();
    private final List<RegistrationRecord> saved = new ArrayList<>();
    private final AtomicBoolean master = new AtomicBoolean(true);
    private RegistrationRecord stored;
    private final RegistrationStore store = new RegistrationStore() {
        @Override
        public Optional<RegistrationRecord> load(String carrier) {
            return Optional.ofNullable(stored);
        }

        @Override
        public void save(RegistrationRecord record) {
            saved.add(record);
        }
    };

    private Registrations registrations() {
        return Registrations.create(new Accounts(List.of(ACCOUNT)), List.of(h.lane()),
                new LocalIdentity(h.context.config().sip()), h.clock, store, master::get);
    }

    private SIPRequest nextRegister() {
        List<Out> out = h.drain();
        List<Out> regs = out.stream().filter(o -> o.isRequest("REGISTER")).toList();
        assertEquals(1, regs.size(), out.toString());
        assertEquals(REGISTRAR, regs.get(0).to());
        return regs.get(0).request();
    }

    private void answer(SIPRequest req, int status, String reason, String extra) {
        String to = ((gov.nist.javax.sip.header.To) req.getTo()).encode().trim();
        h.receive("SIP/2.0 " + status + " " + reason + "\r\n" + req.getTopmostVia().encode()
                + ((gov.nist.javax.sip.header.From) req.getFrom()).encode() + to + ";tag=reg\r\n"
                + ((gov.nist.javax.sip.header.CallID) req.getCallId()).encode()
                + ((gov.nist.javax.sip.header.CSeq) req.getCSeq()).encode() + extra + "Content-Length: 0\r\n\r\n",
                REGISTRAR);
    }

    private static final String CHALLENGE = "WWW-Authenticate: Digest realm=\"carrier-a.sipfront.test\", "
            + "nonce=\"n1\", algorithm=SHA-256, qop=\"auth\"\r\n";

    @Test
    void registersAnswersTheChallengeAndRefreshesTheSameBindingBeforeItExpires() {
        Registrations r = registrations();
        r.check();
        SIPRequest first = nextRegister();
        assertEquals("sip:127.0.0.20:5060", first.getRequestURI().toString());
        assertTrue(first.getHeader("To").toString().contains("sip:sipfront-a@carrier-a.sipfront.test"));
        assertTrue(first.getHeader("Contact").toString().contains("sip:sipfront-a@127.0.0.1:5060"));
        assertEquals(300, first.getExpires().getExpires());
        answer(first, 401, "Unauthorized", CHALLENGE);
        SIPRequest second = nextRegister();
        assertEquals(first.getCallId().getCallId(), second.getCallId().getCallId(), "same Call-ID");
        assertEquals(first.getFromTag(), second.getFromTag());
        assertEquals(first.getCSeq().getSeqNumber() + 1, second.getCSeq().getSeqNumber());
        assertNotEquals(first.getTopmostVia().getBranch(), second.getTopmostVia().getBranch());
        AuthenticationHeader a = (AuthenticationHeader) second.getHeader("Authorization");
        assertEquals(DigestCalculator.response(new DigestCalculator.Input(DigestAlgorithm.SHA_256, "sipfront-a",
                "carrier-a.sipfront.test", PASSWORD.toCharArray(), "REGISTER", "sip:127.0.0.20:5060", "n1", "auth",
                "00000001", a.getCNonce())), a.getResponse());
        answer(second, 200, "OK", "Contact: <sip:sipfront-a@127.0.0.1:5060>;expires=20\r\n");
        RegistrationStatus s = r.status().get(0);
        assertTrue(s.registered());
        assertEquals(20, s.grantedS());
        assertEquals(20, s.expiresInS());
        assertNull(s.lastError());
        h.advance(9_000);
        assertTrue(h.drain().isEmpty(), "no refresh before half the granted time");
        h.advance(1_000);
        SIPRequest refresh = nextRegister();
        assertEquals(first.getCallId().getCallId(), refresh.getCallId().getCallId());
        assertEquals(second.getCSeq().getSeqNumber() + 1, refresh.getCSeq().getSeqNumber());
        assertEquals(refresh.getCSeq().getSeqNumber(), saved.get(saved.size() - 1).cseq(), "saved for the peer");
        assertFalse(saved.toString().contains(PASSWORD));
    }

    @Test
    void intervalTooBriefIsRetriedWithMinExpires() {
        registrations().check();
        SIPRequest first = nextRegister();
        answer(first, 423, "Interval Too Brief", "Min-Expires: 600\r\n");
        SIPRequest second = nextRegister();
        assertEquals(600, second.getExpires().getExpires());
        assertEquals(first.getCSeq().getSeqNumber() + 1, second.getCSeq().getSeqNumber());
    }

    @Test
    void wrongCredentialsAndASilentRegistrarBackOffWithACap() {
        Registrations r = registrations();
        r.check();
        SIPRequest first = nextRegister();
        answer(first, 401, "Unauthorized", CHALLENGE);
        SIPRequest second = nextRegister();
        answer(second, 401, "Unauthorized", CHALLENGE.replace("n1", "n2"));
        assertTrue(h.drain().isEmpty(), "no loop: the second challenge ends this try");
        assertTrue(r.status().get(0).lastError().contains("credentials refused"), r.status().toString());
        // The registrar goes silent: each try times out, and the delay doubles up to its cap.
        long[] delays = {2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000};
        for (long delay : delays) {
            h.advance(delay - 20);
            assertTrue(h.drain().stream().noneMatch(o -> o.isRequest("REGISTER")), "not before " + delay);
            h.advance(20);
            nextRegister();
            h.advance(Registrant.ANSWER_TIMEOUT_MS); // retransmissions, then the try counts as failed
            h.drain();
        }
        assertEquals(1 + delays.length, r.status().get(0).failures());
        assertTrue(r.status().get(0).lastError().contains("no answer"), r.status().toString());
        assertFalse(r.status().get(0).registered());
    }

    @Test
    void aNodeThatMayNotRegisterWaitsThenResumesItsPeersBinding() {
        master.set(false);
        Registrations r = registrations();
        r.check();
        assertTrue(h.drain().isEmpty());
        assertFalse(r.status().get(0).active());
        stored = new RegistrationRecord("carrier-a", "peer-call@sipfront", "peertag", 41, "<sip:x>",
                h.clock.currentTimeMillis() + 10_000, "carrier-a.sipfront.test", "n0");
        master.set(true);
        r.check();
        SIPRequest refresh = nextRegister();
        assertEquals("peer-call@sipfront", refresh.getCallId().getCallId());
        assertEquals("peertag", refresh.getFromTag());
        assertEquals(42, refresh.getCSeq().getSeqNumber());
        assertNotNull(r.status().get(0).callId());
    }
}
