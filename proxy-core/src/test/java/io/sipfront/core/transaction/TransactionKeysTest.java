package io.sipfront.core.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.testing.ProxyHarness;
import java.nio.charset.StandardCharsets;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/** Which requests a proxy takes for the same server transaction (RFC 3261 §17.2.3), on any number of lanes. */
class TransactionKeysTest {

    private static SIPRequest request(String method, String branch, String callId, int cseq) {
        return (SIPRequest) ProxyHarness.parse((method + " sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP saturn.example.com:5060;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: sip:watson@example.com;tag=838293\r\n"
                + "To: sip:watson@example.com\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRetransmissionIsTheSameTransaction() {
        assertEquals(TransactionKeys.server(request("REGISTER", "z9hG4bKkdjuw", "a@h", 3)),
                TransactionKeys.server(request("REGISTER", "z9hG4bKkdjuw", "a@h", 3)));
    }

    @Test
    void anotherCallThatReusesTheBranchIsAnotherTransaction() {
        // RFC 4475's cparam01 and cparam02: same branch, same sent-by, same method, two Call-IDs. One lane
        // used to answer the second with the first's 200, as a retransmission, and never forward it.
        assertNotEquals(TransactionKeys.server(request("REGISTER", "z9hG4bKkdjuw", "cparam01.70710@saturn", 3)),
                TransactionKeys.server(request("REGISTER", "z9hG4bKkdjuw", "cparam02.70710@saturn", 3)));
    }

    @Test
    void anAckAndACancelFindTheirInvite() {
        String invite = TransactionKeys.server(request(Request.INVITE, "z9hG4bK-1", "c@h", 1));
        assertEquals(invite, TransactionKeys.server(request(Request.ACK, "z9hG4bK-1", "c@h", 1)));
        assertEquals(invite, TransactionKeys.server(request(Request.CANCEL, "z9hG4bK-1", "c@h", 1), Request.INVITE));
        assertNotEquals(invite, TransactionKeys.server(request(Request.ACK, "z9hG4bK-1", "d@h", 1)));
    }
}
