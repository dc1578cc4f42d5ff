package io.sipfront.core.testing;

/** Test messages of the loopback topology, written as on the wire. */
public final class Sip {
    public static final String PLATFORM = "127.0.0.10:5060";
    public static final String CARRIER_A = "127.0.0.20:5060";
    public static final String CARRIER_B = "127.0.0.21:5060";
    public static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.10\r\ns=-\r\nc=IN IP4 127.0.0.10\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private Sip() {
    }

    public static String invite(String callId, String branch, String fromHost, String extraHeaders) {
        return "INVITE sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + fromHost + ";branch=" + branch + ";rport\r\n"
                + "From: \"Caller\" <sip:+442071234567@" + fromHost + ">;tag=from-" + callId + "\r\n"
                + "To: <sip:15551234567@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@" + fromHost + ">\r\n"
                + "Max-Forwards: 70\r\n"
                + extraHeaders
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + SDP.length() + "\r\n\r\n" + SDP;
    }

    public static String invite(String callId) {
        return invite(callId, "z9hG4bK-" + callId, PLATFORM, "");
    }

    /** A response from a downstream element to a request the proxy sent, echoing its Vias and Record-Routes. */
    public static String respond(gov.nist.javax.sip.message.SIPRequest req, int status, String reason, String toTag,
                                 String contactHost) {
        StringBuilder b = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (Object via : req.getViaHeaders()) {
            b.append(((gov.nist.javax.sip.header.Via) via).encode());
        }
        if (req.getRecordRouteHeaders() != null) {
            b.append(req.getRecordRouteHeaders().encode());
        }
        b.append(((gov.nist.javax.sip.header.From) req.getFrom()).encode());
        String to = ((gov.nist.javax.sip.header.To) req.getTo()).encode().trim();
        b.append(toTag == null || req.getToTag() != null ? to : to + ";tag=" + toTag).append("\r\n");
        b.append(((gov.nist.javax.sip.header.CallID) req.getCallId()).encode());
        b.append(((gov.nist.javax.sip.header.CSeq) req.getCSeq()).encode());
        if (contactHost != null) {
            b.append("Contact: <sip:callee@").append(contactHost).append(">\r\n");
        }
        b.append("Content-Length: 0\r\n\r\n");
        return b.toString();
    }
}
