package io.sipfront.microbench;

import gov.nist.javax.sip.message.SIPMessage;
import io.sipfront.config.LimitSettings;
import io.sipfront.core.sip.ParseOutcome;
import io.sipfront.core.sip.SipParser;
import io.sipfront.net.Transport;
import java.nio.charset.StandardCharsets;

/**
 * The messages of the SIPp bench's call ({@code shared/bench/scenarios/uac.xml} and {@code uas.xml} as
 * {@code sipp-load} runs them: platform 127.0.0.10:5060, Sipfront 127.0.0.1:5060, carrier 127.0.0.20:5060, service
 * 15551234567, UDP), as the datagrams Sipfront receives, so that a benchmark measures the bytes the bench sends.
 *
 * <p>Filled in as SIPp fills in the scenarios for call 1 of a generator with pid 4242 and a carrier with pid 4343:
 * each line ends in CRLF, the body included; Content-Length is computed here. The carrier's responses echo the
 * request as Sipfront forwards it ({@code [last_Via:]} copies its one Via line, in which JAIN-SIP joined Sipfront's Via
 * and the platform's with a comma; for the INVITE the branch Sipfront derives from this INVITE, for the BYE one of a
 * lane's fresh branches), and the platform's ACK and BYE carry the Route from the 200's Record-Route and go to the
 * carrier's Contact.
 */
public final class BenchCall {
    /** What the daemon uses: {@code limits.max_headers} by default. */
    public static final int MAX_HEADERS = LimitSettings.DEFAULTS.maxHeaders();

    /** The Via line of the INVITE as Sipfront forwards it to the carrier, which the carrier's responses echo. */
    private static final String INVITE_VIAS = "SIP/2.0/UDP 127.0.0.1:5060;"
            + "branch=z9hG4bKsfibc2c3f11b38f7984409baddefaeedfa7,SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-4242-1-0";
    /** The same for the BYE. */
    private static final String BYE_VIAS = "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKsf7ksd2x9m0a1,"
            + "SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-4242-1-7";

    /** The platform's INVITE with SDP (uac.xml). */
    public static final byte[] INVITE = message("""
            INVITE sip:15551234567@127.0.0.1:5060 SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-4242-1-0
            From: "Bench" <sip:+442071234567@127.0.0.10:5060>;tag=4242SIPpTag001
            To: <sip:15551234567@127.0.0.1:5060>
            Call-ID: 1-4242@127.0.0.10
            CSeq: 1 INVITE
            Contact: <sip:bench@127.0.0.10:5060;transport=UDP>
            Max-Forwards: 70
            User-Agent: bench-uac
            Content-Type: application/sdp
            """, sdp("bench", "127.0.0.10"));

    /** The carrier's 180 (uas.xml), echoing Record-Route. */
    public static final byte[] RINGING = fromCarrier("180 Ringing", INVITE_VIAS, "1 INVITE", true, "");

    /** The carrier's 200 with SDP (uas.xml), echoing Record-Route. */
    public static final byte[] OK_INVITE = fromCarrier("200 OK", INVITE_VIAS, "1 INVITE", true,
            sdp("carrier", "127.0.0.20"));

    /** The platform's ACK of the 200 (uac.xml): to the carrier's Contact, through Sipfront by the Route. */
    public static final byte[] ACK = inDialogFromPlatform("ACK", 1, 5);

    /** The platform's BYE (uac.xml), like the ACK. */
    public static final byte[] BYE = inDialogFromPlatform("BYE", 2, 7);

    /** The carrier's 200 to the BYE (uas.xml). */
    public static final byte[] OK_BYE = fromCarrier("200 OK", BYE_VIAS, "2 BYE", false, "");

    private BenchCall() {
    }

    /** The message of {@code name}: INVITE, 180, 200, ACK, BYE, 200-BYE (the names the benchmarks' params use). */
    public static byte[] named(String name) {
        return switch (name) {
            case "INVITE" -> INVITE;
            case "180" -> RINGING;
            case "200" -> OK_INVITE;
            case "ACK" -> ACK;
            case "BYE" -> BYE;
            case "200-BYE" -> OK_BYE;
            default -> throw new IllegalArgumentException("no message " + name + " in the bench's call");
        };
    }

    /**
     * The message of {@code name} in the bench's call number {@code call} (1 is the call of {@link #named}): what SIPp
     * numbers per call changes (Call-ID, From and To tags, the platform's branches, and the branch Sipfront gives the
     * INVITE), the rest stays. A parser sees a new call's lines as a real node does, not lines it has cached.
     */
    public static byte[] ofCall(String name, int call) {
        String text = new String(named(name), StandardCharsets.US_ASCII);
        String hex = String.format("%08x", call * 2654435761L & 0xffffffffL);
        return text.replace("1-4242@", call + "-4242@")
                .replace("4242SIPpTag001", "4242SIPpTag00" + call)
                .replace("4343SIPpTag011", "4343SIPpTag01" + call)
                .replace("z9hG4bK-4242-1-", "z9hG4bK-4242-" + call + "-")
                .replace("z9hG4bKsfibc2c3f11b38f7984409baddefaeedfa7", "z9hG4bKsfi" + hex + "b38f7984409baddefaeedfa7")
                .replace("z9hG4bKsf7ksd2x9m0a1", "z9hG4bKsf" + hex + "0a1")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses {@code bytes} as the daemon does a UDP datagram, and insists that they parse: a benchmark whose message
     * were refused would measure the refusal, not the call.
     *
     * @throws IllegalStateException when the outcome is not {@link ParseOutcome.Parsed}
     */
    public static SIPMessage parse(SipParser parser, byte[] bytes) {
        return parsed(parser.parse(bytes, Transport.UDP));
    }

    /** The message of a {@link ParseOutcome.Parsed}; anything else is a broken benchmark. */
    public static SIPMessage parsed(ParseOutcome outcome) {
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            return parsed.message();
        }
        throw new IllegalStateException("a message of the bench's call does not parse: " + outcome);
    }

    /** uas.xml's answers; {@code [last_Record-Route:]} is empty for the BYE, which carries none. */
    private static byte[] fromCarrier(String status, String vias, String cseq, boolean recordRoute, String sdp) {
        return message("""
                SIP/2.0 %s
                Via: %s
                From: "Bench" <sip:+442071234567@127.0.0.10:5060>;tag=4242SIPpTag001
                To: <sip:15551234567@127.0.0.1:5060>;tag=4343SIPpTag011
                Call-ID: 1-4242@127.0.0.10
                CSeq: %s
                """.formatted(status, vias, cseq)
                + (recordRoute ? "Record-Route: <sip:127.0.0.1:5060;lr>\n" : "")
                + "Contact: <sip:carrier@127.0.0.20:5060;transport=UDP>\n"
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\n"), sdp);
    }

    /** uac.xml's ACK and BYE: one template, {@code [branch]} numbered by the message's place in the scenario. */
    private static byte[] inDialogFromPlatform(String method, int cseq, int branch) {
        return message("""
                %1$s sip:carrier@127.0.0.20:5060;transport=UDP SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-4242-1-%3$d
                From: "Bench" <sip:+442071234567@127.0.0.10:5060>;tag=4242SIPpTag001
                To: <sip:15551234567@127.0.0.1:5060>;tag=4343SIPpTag011
                Call-ID: 1-4242@127.0.0.10
                CSeq: %2$d %1$s
                Route: <sip:127.0.0.1:5060;lr>
                Contact: <sip:bench@127.0.0.10:5060;transport=UDP>
                Max-Forwards: 70
                """.formatted(method, cseq, branch), "");
    }

    /** SIPp's body: its lines end in CRLF like the headers'. */
    private static String sdp(String user, String ip) {
        return """
                v=0
                o=%s 53655765 2353687637 IN IP4 %s
                s=-
                c=IN IP4 %s
                t=0 0
                m=audio 6000 RTP/AVP 0
                a=rtpmap:0 PCMU/8000
                """.formatted(user, ip, ip);
    }

    /**
     * The scenarios write {@code Content-Length: 0} for messages without a body and {@code Content-Length: [len]} for
     * those with SDP, which SIPp fills in right-aligned in five places ({@code %5u}).
     */
    private static byte[] message(String headers, String body) {
        String crlfBody = body.replace("\n", "\r\n");
        String length = crlfBody.isEmpty() ? "0" : "%5d".formatted(crlfBody.length());
        String text = headers.replace("\n", "\r\n") + "Content-Length: " + length + "\r\n\r\n" + crlfBody;
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
