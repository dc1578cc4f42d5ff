package io.sipfront.core.sip;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.net.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sip.header.ContactHeader;
import javax.sip.header.RecordRouteHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipParserTest {

    private static final SipParser PARSER = new SipParser(64);

    private static final String VIA = "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1";
    private static final String FROM = "From: <sip:alice@example.com>;tag=a1";
    private static final String TO = "To: <sip:bob@example.com>";
    private static final String CALL_ID = "Call-ID: c1@127.0.0.1";
    private static final String CSEQ = "CSeq: 1 OPTIONS";

    /** A request from its lines: CRLF after each, then the empty line and the body. */
    private static byte[] request(String body, String... lines) {
        return (String.join("\r\n", lines) + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] options(String... extraHeaders) {
        List<String> lines = new ArrayList<>(List.of("OPTIONS sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, CSEQ,
                "Max-Forwards: 70"));
        lines.addAll(List.of(extraHeaders));
        lines.add("Content-Length: 0");
        return request("", lines.toArray(String[]::new));
    }

    private static SIPMessage parsed(byte[] bytes) {
        return assertInstanceOf(ParseOutcome.Parsed.class, PARSER.parse(bytes, Transport.UDP)).message();
    }

    private static ParseOutcome.Rejected rejected(byte[] bytes, int status, String reason) {
        ParseOutcome.Rejected r = assertInstanceOf(ParseOutcome.Rejected.class, PARSER.parse(bytes, Transport.UDP));
        assertEquals(status + " " + reason, r.status() + " " + r.reason());
        return r;
    }

    private static String encoded(SIPMessage m) {
        return new String(m.encodeAsBytes("UDP"), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- kept headers

    @Test
    void badOptionalHeaderIsKeptAndForwardedAsReceived() {
        SIPMessage m = parsed(options("Date: someday", "r: <sip:broken", "Accept: text"));
        assertInstanceOf(ExtensionHeaderImpl.class, m.getHeader("Date"));
        String out = encoded(m);
        assertTrue(out.contains("\r\nDate: someday\r\n"), out);
        assertTrue(out.contains("\r\nRefer-To: <sip:broken\r\n"), "compact name written long, value as received: " + out);
        assertTrue(out.contains("\r\nAccept: text\r\n"), out);
    }

    @Test
    void repeatedUnknownHeadersAreAllKeptInOrder() {
        String out = encoded(parsed(options("X-Foo: 1", "X-Bar: b", "X-Foo: 2")));
        assertTrue(out.contains("X-Foo: 1\r\nX-Foo: 2\r\n"), out);
        assertTrue(out.contains("X-Bar: b\r\n"), out);
    }

    @Test
    void repeatedListHeadersKeepEveryValueInOrder() {
        SIPMessage m = parsed(options("Record-Route: <sip:p1;lr>", "Record-Route: <sip:p2;lr>, <sip:p3;lr>", "Record-Route: <sip:p4;lr>"));
        List<String> hosts = new ArrayList<>();
        for (Iterator<?> it = m.getHeaders(RecordRouteHeader.NAME); it.hasNext(); ) {
            hosts.add(((javax.sip.address.SipURI) ((RecordRouteHeader) it.next()).getAddress().getURI()).getHost());
        }
        assertEquals(List.of("p1", "p2", "p3", "p4"), hosts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Accept|Accept: application/sdp|Accept: text",
                            "Accept|Accept: text|Accept: application/sdp",
                            "Refer-To|r: <sip:broken|Refer-To: <sip:carol@example.com>"})
    void badHeaderNextToAParsedOneOfTheSameNameIsRefused(String spec) {
        String[] parts = spec.split("\\|");
        rejected(options(parts[1], parts[2]), 400, "Bad " + parts[0]);
    }

    // ---------------------------------------------------------------- headers that must parse

    @ParameterizedTest
    @ValueSource(strings = {"From|From: <sip:alice@example.com;tag=a1", "From|f: <sip:alice@", "To|To: \"unclosed <sip:bob@example.com>",
                            "CSeq|CSeq: abc OPTIONS", "CSeq|CSeq: 4294967296 OPTIONS", "Via|Via: SIP/2.0/UDP",
                            "Max-Forwards|Max-Forwards: 256", "Max-Forwards|Max-Forwards: many",
                            "Route|Route: <sip:proxy;lr", "Record-Route|Record-Route: sip:a, <",
                            "Content-Type|c: text", "Contact|m: <sip:broken", "Expires|Expires: soon",
                            "Authorization|Authorization: ,", "Content-Language|Content-Language: ;"})
    void brokenMandatoryHeaderIsRefusedByName(String spec) {
        String expected = spec.substring(0, spec.indexOf('|'));
        String broken = spec.substring(spec.indexOf('|') + 1);
        String name = HeaderName.expandCompact(broken.substring(0, broken.indexOf(':')));
        List<String> lines = new ArrayList<>(List.of("OPTIONS sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, CSEQ));
        if (!name.equals("Via")) { // a broken Via goes after a good one, so the request can still be answered
            lines.removeIf(l -> l.startsWith(name + ":"));
        }
        lines.add(broken);
        lines.add("Content-Length: 0");
        rejected(request("", lines.toArray(String[]::new)), 400, "Bad " + expected);
    }

    @Test
    void csEqAbove2To31IsRefusedBecauseOfJainSip() {
        // CSeq.setSeqNumber compares with (1L << 32 - 1), which is 1L << 31: a JAIN-SIP limit, pinned here
        rejected(request("", "OPTIONS sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, "CSeq: 2147483649 OPTIONS",
                "Content-Length: 0"), 400, "Bad CSeq");
        parsed(request("", "OPTIONS sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, "CSeq: 2147483648 OPTIONS",
                "Content-Length: 0"));
    }

    @Test
    void identicalRepeatOfASingleValueHeaderIsTolerated() {
        SIPMessage m = parsed(options(FROM.replace("From:", "f:"), "Content-Length: 0"));
        assertEquals("a1", m.getFrom().getTag());
    }

    @Test
    void differentRepeatOfAnySingleValueHeaderIsRefused() {
        rejected(options("Expires: 60", "Expires: 120"), 400, "Duplicate Expires");
        rejected(options("Priority: urgent", "Priority: normal"), 400, "Duplicate Priority");
        rejected(options("To: <sip:carol@example.com>"), 400, "Duplicate To");
        rejected(options("Content-Length: 0", "l: 3"), 400, "Duplicate Content-Length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Call-ID", "From", "To", "CSeq"})
    void missingMandatoryHeaderIsRefused(String name) {
        List<String> lines = new ArrayList<>(List.of("OPTIONS sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, CSEQ, "Content-Length: 0"));
        lines.removeIf(l -> l.startsWith(name + ":"));
        rejected(request("", lines.toArray(String[]::new)), 400, "Missing " + name);
    }

    // ---------------------------------------------------------------- framing

    @Test
    void tooManyHeadersIsRefused() {
        SipParser strict = new SipParser(8);
        byte[] eight = request("", "OPTIONS sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, CSEQ, "Max-Forwards: 70",
                "X-A: 1\r\n folded, still one field", "Content-Length: 0");
        byte[] nine = request("", "OPTIONS sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, CSEQ, "Max-Forwards: 70",
                "X-A: 1", "X-B: 2", "Content-Length: 0");
        assertInstanceOf(ParseOutcome.Parsed.class, strict.parse(eight, Transport.UDP));
        ParseOutcome.Rejected r = assertInstanceOf(ParseOutcome.Rejected.class, strict.parse(nine, Transport.UDP));
        assertEquals("Too Many Headers", r.reason());
        assertThrows(IllegalArgumentException.class, () -> new SipParser(0));
    }

    @Test
    void tooManySeparatorsIsRefused() {
        String routes = "Record-Route: " + "<sip:p;lr>,".repeat(MessageScan.MAX_SEPARATORS / 2) + "<sip:p;lr>";
        rejected(options(routes), 400, "Too Many Parameters");
        parsed(options("Record-Route: " + "<sip:p;lr>,".repeat(100) + "<sip:p;lr>"));
    }

    @Test
    void contentLengthFramesTheBodyExactly() {
        byte[] bytes = request("hello, trailing", "MESSAGE sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID,
                "CSeq: 1 MESSAGE", "Content-Type: text/plain", "Content-Length: 5");
        for (Transport t : Transport.values()) {
            SIPMessage m = assertInstanceOf(ParseOutcome.Parsed.class, PARSER.parse(bytes, t)).message();
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), m.getRawContent());
            assertEquals(5, m.getContentLength().getContentLength());
        }
    }

    @Test
    void missingContentLengthMeansRestOfDatagramOnUdpAndIsRefusedOnTcp() {
        byte[] bytes = request("v=0\r\n", "INVITE sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, "CSeq: 1 INVITE");
        SIPMessage m = assertInstanceOf(ParseOutcome.Parsed.class, PARSER.parse(bytes, Transport.UDP)).message();
        assertArrayEquals("v=0\r\n".getBytes(StandardCharsets.US_ASCII), m.getRawContent());
        ParseOutcome.Rejected r = assertInstanceOf(ParseOutcome.Rejected.class, PARSER.parse(bytes, Transport.TCP));
        assertEquals("Missing Content-Length", r.reason());
    }

    @Test
    void unterminatedHeaderSectionEndsAtTheEndOfTheDatagram() {
        byte[] bytes = (String.join("\r\n", "OPTIONS sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, CSEQ, "X-Last: kept"))
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(encoded(parsed(bytes)).contains("\r\nX-Last: kept\r\n"));
    }

    @Test
    void foldedHeadersAreJoinedWithWhitespace() {
        SIPMessage m = parsed(options("Subject: first\r\n second", "Contact:\r\n\t<sip:bob@127.0.0.1>"));
        assertTrue(m.getHeader("Contact") instanceof ContactHeader);
        assertEquals("first second", m.getHeader("Subject").toString().replace("Subject:", "").trim().replaceAll("\\s+", " "));
        assertEquals("127.0.0.1", ((javax.sip.address.SipURI) ((ContactHeader) m.getHeader("Contact")).getAddress().getURI()).getHost());
    }

    @Test
    void bareLfLineEndsAndLeadingBlankLinesAreAccepted() {
        byte[] lf = new String(options(), StandardCharsets.US_ASCII).replace("\r\n", "\n").getBytes(StandardCharsets.US_ASCII);
        parsed(lf);
        byte[] leading = ("\r\n\r\n" + new String(options(), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        parsed(leading);
    }

    @Test
    void ambiguousLinesAreRefused() {
        rejected(options("X-A: 1\rVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-x"), 400, "Bad Line Ending");
        rejected(options("X-A: 1", "   ", "X-B: 2"), 400, "Bad Header Line");
        rejected(options("no colon here"), 400, "Bad Header Line");
        rejected(options("X A: 1"), 400, "Bad Header Line");
        rejected(request("", "OPTIONS sip:bob@example.com SIP/2.0", " folded: first", VIA, FROM, TO, CALL_ID, CSEQ,
                "Content-Length: 0"), 400, "Bad Header Line");
    }

    // ---------------------------------------------------------------- start line

    @ParameterizedTest
    @ValueSource(strings = {"OPTIONS sip:bob@example.com", "OPTIONS  SIP/2.0", "OPTIONS sip:bob@example.com SIP/2.0 x",
                            "OPTIONS sip:bob@example.com HTTP/1.1", "OPTIONS <sip:bob@example.com> SIP/2.0"})
    void badRequestLineIsRefused(String line) {
        byte[] bytes = request("", line, VIA, FROM, TO, CALL_ID, CSEQ, "Content-Length: 0");
        rejected(bytes, 400, "Bad Request Line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:2001:db8::10", "sip:bob@2001:db8::1", "sip:bob@example.com:50x0", "sip:bob@[2001:db8::1",
                            "sip:bob@", "sip:bob@example.com?Subject=hi"})
    void badRequestUriIsRefused(String uri) {
        rejected(request("", "OPTIONS " + uri + " SIP/2.0", VIA, FROM, TO, CALL_ID, CSEQ, "Content-Length: 0"),
                400, "Bad Request-URI");
    }

    @Test
    void versionOtherThan20IsAnswered505() {
        rejected(request("", "OPTIONS sip:bob@example.com SIP/3.0", VIA, FROM, TO, CALL_ID, CSEQ, "Content-Length: 0"),
                505, "Version Not Supported");
    }

    @Test
    void csEqMethodMustMatch() {
        rejected(request("", "BYE sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, "CSeq: 1 INVITE", "Content-Length: 0"),
                400, "CSeq Method Mismatch");
        rejected(request("", "FOO sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, "CSeq: 1 INVITE", "Content-Length: 0"),
                501, "Not Implemented");
        SIPMessage unknown = parsed(request("", "FOO sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, "CSeq: 1 FOO",
                "Content-Length: 0"));
        assertEquals("FOO", ((SIPRequest) unknown).getMethod());
    }

    // ---------------------------------------------------------------- what is never answered

    @Test
    void malformedResponsesAreDropped() {
        for (String status : new String[] {"SIP/2.0 099 Early", "SIP/2.0 700 Late", "SIP/2.0 20 OK", "SIP/3.0 200 OK", "SIP/2.0 2000 OK"}) {
            byte[] bytes = request("", status, VIA, FROM, TO + ";tag=b", CALL_ID, CSEQ, "Content-Length: 0");
            assertInstanceOf(ParseOutcome.Dropped.class, PARSER.parse(bytes, Transport.UDP), status);
        }
        byte[] badCseq = request("", "SIP/2.0 200 OK", VIA, FROM, TO, CALL_ID, "CSeq: x OPTIONS", "Content-Length: 0");
        assertInstanceOf(ParseOutcome.Dropped.class, PARSER.parse(badCseq, Transport.UDP));
        byte[] good = request("", "SIP/2.0 200 OK", VIA, FROM, TO, CALL_ID, CSEQ, "Content-Length: 0");
        assertInstanceOf(ParseOutcome.Parsed.class, PARSER.parse(good, Transport.UDP));
    }

    @Test
    void malformedAckAndRequestWithoutViaAreDropped() {
        byte[] ack = request("", "ACK sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, "CSeq: x ACK", "Content-Length: 0");
        assertInstanceOf(ParseOutcome.Dropped.class, PARSER.parse(ack, Transport.UDP));
        byte[] noVia = request("", "OPTIONS sip:bob@example.com SIP/2.0", FROM, TO, CALL_ID, CSEQ, "Content-Length: 0");
        assertInstanceOf(ParseOutcome.Dropped.class, PARSER.parse(noVia, Transport.UDP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\r\n\r\n", "\u0000\u0001garbage", " OPTIONS sip:a SIP/2.0", "\u00ff\u00fe"})
    void bytesWithoutAStartLineAreDropped(String bytes) {
        assertInstanceOf(ParseOutcome.Dropped.class, PARSER.parse(bytes.getBytes(StandardCharsets.ISO_8859_1), Transport.UDP));
    }

    // ---------------------------------------------------------------- the error response

    @Test
    void errorResponseCopiesTheRawFieldsAndAddsAStableToTag() {
        byte[] bytes = request("", "INVITE sip:bob@example.com SIP/2.0", "v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-a",
                "Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK-b", "f: \"A\" <sip:alice@example.com>;tag=a1", "t:  <sip:bob@example.com>",
                "i: c1@10.0.0.1", "CSeq: 7 BYE", "Content-Length: 0");
        ParseOutcome.Rejected r = rejected(bytes, 400, "CSeq Method Mismatch");
        String response = new String(r.response(), StandardCharsets.US_ASCII);
        String tag = response.substring(response.lastIndexOf(";tag=") + 5, response.indexOf("\r\n", response.lastIndexOf(";tag=")));
        assertEquals("SIP/2.0 400 CSeq Method Mismatch\r\n"
                + "v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-a\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK-b\r\n"
                + "f: \"A\" <sip:alice@example.com>;tag=a1\r\n"
                + "t:  <sip:bob@example.com>;tag=" + tag + "\r\n"
                + "i: c1@10.0.0.1\r\n"
                + "CSeq: 7 BYE\r\n"
                + "Content-Length: 0\r\n\r\n", response);
        assertTrue(tag.matches("sf-[0-9a-f]+") && LocalTags.isLocal(tag), tag); // ours: its ACK is absorbed
        // a retransmission gets the same tag, another request another one
        assertEquals(response, new String(rejected(bytes.clone(), 400, "CSeq Method Mismatch").response(), StandardCharsets.US_ASCII));
        byte[] other = new String(bytes, StandardCharsets.US_ASCII).replace("c1@", "c2@").getBytes(StandardCharsets.US_ASCII);
        assertNotEquals(tag, new String(rejected(other, 400, "CSeq Method Mismatch").response(), StandardCharsets.US_ASCII)
                .replaceAll("(?s).*;tag=([0-9a-z]+)\r\n.*", "$1"));
    }

    @Test
    void existingToTagIsNotDuplicated() {
        byte[] bytes = request("", "BYE sip:bob@example.com SIP/2.0", VIA, FROM, "To: \"x;tag=no\" <sip:bob@example.com> ; tag = b2",
                CALL_ID, "CSeq: 2 INVITE", "Content-Length: 0");
        String response = new String(rejected(bytes, 400, "CSeq Method Mismatch").response(), StandardCharsets.US_ASCII);
        assertTrue(response.contains("\r\nTo: \"x;tag=no\" <sip:bob@example.com> ; tag = b2\r\n"), response);
        byte[] quotedOnly = request("", "BYE sip:bob@example.com SIP/2.0", VIA, FROM, "To: \"x;tag=no\" <sip:bob@example.com>",
                CALL_ID, "CSeq: 2 INVITE", "Content-Length: 0");
        String added = new String(rejected(quotedOnly, 400, "CSeq Method Mismatch").response(), StandardCharsets.US_ASCII);
        assertTrue(added.contains("\r\nTo: \"x;tag=no\" <sip:bob@example.com>;tag=sf"), added);
    }

    @Test
    void extensionMethodIsForwardedWithItsCaseInCSeq() {
        SIPMessage m = parsed(request("", "notifyMe sip:bob@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, "CSeq: 4 notifyMe",
                "Content-Length: 0"));
        assertTrue(encoded(m).contains("\r\nCSeq: 4 notifyMe\r\n"), encoded(m));
        assertTrue(encoded(parsed(options())).contains("\r\nCSeq: 1 OPTIONS\r\n"));
    }

    @Test
    void jainSipsOwnFailuresInAnOptionalHeaderKeepItAsReceived() {
        String server = "Server: " + "(".repeat(2_000) + ")".repeat(2_000);
        assertTrue(encoded(parsed(options(server))).contains("\r\n" + server + "\r\n"));
    }

    @Test
    void genericUriWhoseEscapeJainSipWouldDamageIsNotForwardedDamaged() {
        // JAIN-SIP parses urn:x%20y as urn:x%2y (URLParser.uric copies two of the three characters)
        rejected(request("", "OPTIONS urn:service:x%20y SIP/2.0", VIA, FROM, TO, CALL_ID, CSEQ, "Content-Length: 0"),
                400, "Bad Request-URI");
        rejected(request("", "OPTIONS sip:bob@example.com SIP/2.0", VIA, FROM, "To: <urn:service:x%20y>", CALL_ID, CSEQ,
                "Content-Length: 0"), 400, "Bad To");
        SIPMessage m = parsed(options("P-Asserted-Identity: <http://example.com/a%20b>"));
        assertTrue(encoded(m).contains("\r\nP-Asserted-Identity: <http://example.com/a%20b>\r\n"), encoded(m));
        SIPMessage sip = parsed(request("", "OPTIONS sip:b%20b@example.com SIP/2.0", VIA, FROM, TO, CALL_ID, CSEQ,
                "Content-Length: 0"));
        assertTrue(encoded(sip).startsWith("OPTIONS sip:b%20b@example.com SIP/2.0\r\n"), "sip: URIs keep escapes");
    }

    @Test
    void addressThatJainSipReadsIntoSomethingElseIsRefused() {
        // JAIN-SIP would forward "To: <sip:bob@exa>;mple.com="
        rejected(request("", "OPTIONS sip:bob@example.com SIP/2.0", VIA, FROM, "To: sip:bob@exa mple.com", CALL_ID, CSEQ,
                "Content-Length: 0"), 400, "Bad To");
        rejected(options("Contact: \u00ff\"Bob\" <sip:bob@example.com>"), 400, "Bad Contact");
        // a liberal reading that forwards cleanly stays accepted (RFC 4475 baddn)
        parsed(request("", "OPTIONS sip:bob@example.com SIP/2.0", VIA, FROM, "To: Bob Smith <sip:bob@example.com>", CALL_ID,
                CSEQ, "Content-Length: 0"));
    }

    @Test
    void unescapedControlCharactersAreRefused() {
        rejected(options("X-A: a\u0001b"), 400, "Bad Header Line");
        rejected(options("Subject: a\u000bb"), 400, "Bad Header Line");
        rejected(request("", "OPTIONS sip:bob@example.com\u0000 SIP/2.0", VIA, FROM, TO, CALL_ID, CSEQ, "Content-Length: 0"),
                400, "Bad Request Line");
        SIPMessage quotedPair = parsed(options("To: \"a\\\u0007b\" <sip:bob@example.com>".replace("To:", "X-Display:")));
        assertTrue(encoded(quotedPair).contains("\\\u0007"));
    }

    @Test
    void inputIsNeverModified() {
        byte[] bytes = options("Subject: a\r\n b");
        byte[] copy = bytes.clone();
        parsed(bytes);
        assertArrayEquals(copy, bytes);
    }
}
