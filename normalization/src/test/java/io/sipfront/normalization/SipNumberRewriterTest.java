package io.sipfront.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipfront.core.proxy.RequestRewriter.Rewrite;
import io.sipfront.normalization.config.NumberRule;
import io.sipfront.normalization.config.NumberingPlan.InvalidNumbers;
import io.sipfront.normalization.config.NumberingPlan.OutboundFormat;
import io.sipfront.normalization.config.NumberingPlan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the rewriter changes in a real INVITE, and what it must leave exactly as it was. */
class SipNumberRewriterTest {
    private final MemoryRuleStore store = new MemoryRuleStore();
    private final PlanCache cache = new PlanCache(store, List.of(
            new NumberingPlan("carrier-a", "GB", OutboundFormat.E164, InvalidNumbers.PASS, List.of()),
            new NumberingPlan("carrier-b", "GB", OutboundFormat.INTERNATIONAL_00, InvalidNumbers.REJECT,
                    List.of(NumberRule.parse("inbound", "both", "^00", "+")))),
            Executors.newSingleThreadScheduledExecutor());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SipNumberRewriter rewriter = new SipNumberRewriter(cache, meters);

    SipNumberRewriterTest() {
        cache.start();
    }

    @AfterEach
    void close() {
        cache.close();
    }

    static SIPRequest invite(String dialled, String caller) throws Exception {
        String text = "INVITE sip:" + dialled + "@127.0.0.1:5060;user=phone SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.21:5060;branch=z9hG4bK-1;rport\r\n"
                + "From: \"Alice Smith\" <sip:" + caller + "@127.0.0.21;user=phone>;tag=abc\r\n"
                + "To: \"Sales\" <sip:" + dialled + "@127.0.0.1>\r\n"
                + "Call-ID: rw-1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:" + caller + "@127.0.0.21:5060>\r\n"
                + "P-Asserted-Identity: \"Alice Smith\" <sip:" + caller + "@127.0.0.21;user=phone>\r\n"
                + "P-Asserted-Identity: <tel:" + caller + ">\r\n"
                + "Remote-Party-ID: \"Alice\" <sip:" + caller + "@127.0.0.21>;party=calling;screen=yes\r\n"
                + "X-Custom: " + caller + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SIPRequest) new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false,
                null);
    }

    @Test
    void inboundRewritesEveryNumberHeaderToE164AndNothingElse() throws Exception {
        SIPRequest r = invite("00442079460000", "00442071234567");
        Rewrite out = rewriter.inbound(r, "carrier-b");
        assertSame(r, assertInstanceOf(Rewrite.Forward.class, out).request());
        String text = r.encode();
        assertTrue(text.startsWith("INVITE sip:+442079460000@127.0.0.1:5060;user=phone SIP/2.0\r\n"), text);
        assertTrue(text.contains("From: \"Alice Smith\" <sip:+442071234567@127.0.0.21;user=phone>;tag=abc\r\n"), text);
        assertTrue(text.contains("To: \"Sales\" <sip:+442079460000@127.0.0.1>\r\n"), text);
        assertTrue(text.contains("P-Asserted-Identity: \"Alice Smith\" <sip:+442071234567@127.0.0.21;user=phone>"),
                text);
        assertTrue(text.contains("<tel:+442071234567>"), text);
        assertTrue(text.contains("Remote-Party-ID: \"Alice\" <sip:+442071234567@127.0.0.21>;party=calling;screen=yes"),
                text);
        assertTrue(text.contains("Contact: <sip:00442071234567@127.0.0.21:5060>"), "Contact is not a number field");
        assertTrue(text.contains("X-Custom: 00442071234567"), "other headers stay as they were");
    }

    @Test
    void outboundFormatsForTheCarrierOfTheAttempt() throws Exception {
        SIPRequest r = invite("+442079460000", "+442071234567");
        rewriter.outbound(r, "carrier-b");
        assertEquals("00442079460000", ((javax.sip.address.SipURI) r.getRequestURI()).getUser());
        assertEquals("00442071234567", ((javax.sip.address.SipURI) r.getFrom().getAddress().getURI()).getUser());
        SIPRequest s = invite("+442079460000", "+442071234567");
        rewriter.outbound(s, "carrier-a");
        assertEquals("+442079460000", ((javax.sip.address.SipURI) s.getRequestURI()).getUser());
    }

    @Test
    void anInvalidDialledNumberIsRejectedWith484WhenThePlanSaysSoAndCounted() throws Exception {
        Rewrite out = rewriter.inbound(invite("12", "00442071234567"), "carrier-b");
        assertEquals(484, assertInstanceOf(Rewrite.Reject.class, out).status());
        assertEquals(1.0, meters.counter("sipfront.numbering.invalid", "carrier", "carrier-b", "direction", "inbound",
                "field", "dialled", "action", "rejected").count());
    }

    @Test
    void anInvalidCallerIsRejectedWith403() throws Exception {
        Rewrite out = rewriter.inbound(invite("00442079460000", "call-me"), "carrier-b");
        assertEquals(403, assertInstanceOf(Rewrite.Reject.class, out).status());
    }

    @Test
    void anInvalidNumberPassesUnchangedWhenThePlanSaysPassAndIsCounted() throws Exception {
        SIPRequest r = invite("12", "+442071234567");
        assertInstanceOf(Rewrite.Forward.class, rewriter.inbound(r, "carrier-a"));
        assertEquals("12", ((javax.sip.address.SipURI) r.getRequestURI()).getUser());
        assertEquals(2.0, meters.counter("sipfront.numbering.invalid", "carrier", "carrier-a", "direction", "inbound",
                "field", "dialled", "action", "passed").count(), "Request-URI and To both counted");
    }

    @Test
    void aCarrierWithoutAPlanOrNoCarrierPassesUntouched() throws Exception {
        SIPRequest r = invite("00442079460000", "00442071234567");
        String before = r.encode();
        rewriter.inbound(r, "carrier-z");
        rewriter.outbound(r, null);
        assertEquals(before, r.encode());
    }

    @Test
    void anonymousCallersAreNotRejected() throws Exception {
        SIPRequest r = invite("00442079460000", "anonymous");
        assertInstanceOf(Rewrite.Forward.class, rewriter.inbound(r, "carrier-b"));
        assertEquals("anonymous", ((javax.sip.address.SipURI) r.getFrom().getAddress().getURI()).getUser());
    }
}
