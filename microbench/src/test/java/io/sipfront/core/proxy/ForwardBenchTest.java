package io.sipfront.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.sip.SipParser;
import io.sipfront.microbench.BenchCall;
import java.text.ParseException;
import org.junit.jupiter.api.Test;

/**
 * The forwarding benchmarks send what the proxy sends for the bench's call, and the carrier's responses in
 * {@link BenchCall} echo what they send: otherwise the relay would be measured on messages the bench never carries.
 */
class ForwardBenchTest {
    private final SipParser parser = new SipParser(BenchCall.MAX_HEADERS);
    private final ForwardBench bench = new ForwardBench();

    @Test
    void theInviteGoesToTheFirstCarrierRecordRoutedAndTheCarriersResponsesEchoIt() throws ParseException {
        SIPRequest sent = (SIPRequest) BenchCall.parse(parser, bench.invite());
        assertEquals("sip:15551234567@127.0.0.20:5060", sent.getRequestURI().toString());
        assertEquals(69, sent.getMaxForwards().getMaxForwards());
        for (String name : new String[] {"180", "200"}) {
            SIPResponse answer = (SIPResponse) BenchCall.parse(parser, BenchCall.named(name));
            assertEquals(sent.getViaHeaders().encode(), answer.getViaHeaders().encode(), name + " echoes the Vias");
            assertEquals(sent.getRecordRouteHeaders().encode(), answer.getRecordRouteHeaders().encode(), name);
        }
    }

    @Test
    void theByeLeavesWithoutOurRouteToTheCarriersContact() throws ParseException {
        SIPRequest sent = (SIPRequest) BenchCall.parse(parser, bench.bye());
        assertEquals("sip:carrier@127.0.0.20:5060;transport=UDP", sent.getRequestURI().toString());
        assertNull(sent.getRouteHeaders());
        assertEquals("127.0.0.1", sent.getTopmostVia().getHost());
        assertEquals(2, sent.getViaHeaders().size());
    }

    @Test
    void aRelayedResponseKeepsOnlyThePlatformsVia() {
        for (String name : new String[] {"180", "200", "200-BYE"}) {
            ForwardBench.Response response = new ForwardBench.Response();
            response.status = name;
            response.setUp();
            SIPResponse relayed = (SIPResponse) BenchCall.parse(parser, bench.relay(response));
            assertEquals(1, relayed.getViaHeaders().size(), name);
            assertEquals("127.0.0.10", relayed.getTopmostVia().getHost(), name);
        }
    }

    @Test
    void theTryingAnswersTheInvite() {
        SIPResponse trying = (SIPResponse) BenchCall.parse(parser, bench.trying());
        assertEquals(100, trying.getStatusCode());
        assertEquals("1-4242@127.0.0.10", trying.getCallId().getCallId());
    }
}
