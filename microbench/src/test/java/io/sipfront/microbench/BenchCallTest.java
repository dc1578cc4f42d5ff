package io.sipfront.microbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.sip.SipParser;
import org.junit.jupiter.api.Test;

/** The benchmarks measure the bench's call only while its messages parse as what they are. */
class BenchCallTest {
    private final SipParser parser = new SipParser(BenchCall.MAX_HEADERS);

    @Test
    void everyRequestOfTheCallParsesWithItsBody() {
        assertEquals("INVITE", request("INVITE").getMethod());
        assertEquals(131, request("INVITE").getRawContent().length, "the SDP, CRLF line ends included");
        assertEquals("ACK", request("ACK").getMethod());
        SIPRequest bye = request("BYE");
        assertEquals("BYE", bye.getMethod());
        assertEquals("<sip:127.0.0.1:5060;lr>", ((Route) bye.getRouteHeaders().getFirst()).getAddress().toString());
    }

    @Test
    void everyResponseOfTheCallParses() {
        assertEquals(180, response("180").getStatusCode());
        SIPResponse ok = response("200");
        assertEquals(200, ok.getStatusCode());
        assertEquals("INVITE", ok.getCSeq().getMethod());
        assertEquals(2, ok.getViaHeaders().size(), "Sipfront's Via and the platform's");
        assertEquals(1, ok.getRecordRouteHeaders().size());
        assertEquals("BYE", response("200-BYE").getCSeq().getMethod());
    }

    @Test
    void anotherCallHasItsOwnCallIdTagsAndBranches() {
        SIPResponse first = response("200");
        SIPResponse seventh = (SIPResponse) BenchCall.parse(parser, BenchCall.ofCall("200", 7));
        assertEquals("7-4242@127.0.0.10", seventh.getCallId().getCallId());
        assertEquals("4242SIPpTag007", seventh.getFromTag());
        assertEquals("4343SIPpTag017", seventh.getToTag());
        for (int i = 0; i < 2; i++) {
            assertNotEquals(((Via) first.getViaHeaders().get(i)).getBranch(), ((Via) seventh.getViaHeaders().get(i)).getBranch());
        }
        assertEquals(first.getRecordRouteHeaders().encode(), seventh.getRecordRouteHeaders().encode(), "the rest stays");
    }

    @Test
    void aMessageNameOutsideTheCallIsRefusedRatherThanBenchmarkedAsSomethingElse() {
        assertThrows(IllegalArgumentException.class, () -> BenchCall.named("183"));
    }

    private SIPRequest request(String name) {
        return (SIPRequest) BenchCall.parse(parser, BenchCall.named(name));
    }

    private SIPResponse response(String name) {
        return (SIPResponse) BenchCall.parse(parser, BenchCall.named(name));
    }
}
