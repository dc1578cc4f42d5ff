package io.sipfront.core.sip;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.net.Transport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.ViaHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message of RFC 4475 and RFC 5118, byte-exact, against the outcome Sipfront chose for
 * it. Where the RFC allows either a liberal accept or a reject, the table says which and why.
 */
class ConformanceParsingTest {

    private static final SipParser PARSER = new SipParser(256);

    /** One corpus message, what the parser must make of it, and why. */
    record Case(String name, Expected expected, String why, Consumer<SIPMessage> check) {
    }

    sealed interface Expected permits Accept, Reject, Drop {
    }

    record Accept() implements Expected {
    }

    record Reject(int status, String reason) implements Expected {
    }

    record Drop() implements Expected {
    }

    private static Case parsed(String name, String why) {
        return new Case(name, new Accept(), why, m -> { });
    }

    private static Case parsed(String name, String why, Consumer<SIPMessage> check) {
        return new Case(name, new Accept(), why, check);
    }

    private static Case rejected(String name, int status, String reason, String why) {
        return new Case(name, new Reject(status, reason), why, null);
    }

    private static Case dropped(String name, String why) {
        return new Case(name, new Drop(), why, null);
    }

    // ---------------------------------------------------------------- RFC 4475

    static final List<Case> RFC4475 = List.of(
        // §3.1.1 valid
        parsed("wsinv", "valid: folding, odd LWS and case, unknown header passed through", ConformanceParsingTest::checkWsinv),
        parsed("intmeth", "valid: unknown method of token chars, NUL/BEL/DEL in a quoted display name", ConformanceParsingTest::checkIntmeth),
        parsed("esc01", "valid: %-escapes kept as sent, never unescaped twice", ConformanceParsingTest::checkEsc01),
        parsed("escnull", "valid: %00 in user parts kept; the two Contacts stay distinct", ConformanceParsingTest::checkEscnull),
        parsed("esc02", "valid: RE%47IST%45R is an unknown method, C%6Fntact an unknown header", ConformanceParsingTest::checkEsc02),
        parsed("lwsdisp", "valid: no LWS between display name and <", m -> assertEquals("caller",
                m.getFrom().getAddress().getDisplayName())),
        parsed("longreq", "valid: long values, 34 Via values", ConformanceParsingTest::checkLongreq),
        parsed("dblreq", "valid: UDP octets after Content-Length are ignored", ConformanceParsingTest::checkDblreq),
        parsed("semiuri", "valid: ';' inside the R-URI user part", ConformanceParsingTest::checkSemiuri),
        parsed("transports", "valid: unknown transport tokens in Via", m -> assertEquals(
                List.of("UDP", "SCTP", "TLS", "UNKNOWN", "TCP"), vias(m).stream().map(ViaHeader::getTransport).toList())),
        parsed("mpart01", "valid: binary body with NUL bytes, framed by Content-Length", ConformanceParsingTest::checkMpart01),
        parsed("unreason", "valid: UTF-8 reason phrase", ConformanceParsingTest::checkUnreason),
        parsed("noreason", "valid: empty reason phrase", m -> {
            assertEquals(100, ((SIPResponse) m).getStatusCode());
            assertEquals("", ((SIPResponse) m).getReasonPhrase());
        }),
        // §3.1.2 invalid
        rejected("badinv01", 400, "Bad Via", "JAIN-SIP cannot parse the Via with stray ;;,;,, (a Via is never forwarded broken)"),
        rejected("clerr", 400, "Bad Content-Length", "UDP: Content-Length 9999 runs past the datagram"),
        rejected("ncl", 400, "Bad Content-Length", "negative Content-Length"),
        rejected("scalar02", 400, "Bad CSeq", "CSeq > 2^32-1 (its Max-Forwards 300 would be refused too: we reject, not ignore)"),
        dropped("scalarlg", "a response with overlarge CSeq: responses are never answered or forwarded"),
        rejected("quotbal", 400, "Bad To", "unterminated quote: guessing where it ends is not safe"),
        rejected("ltgtruri", 400, "Bad Request Line", "<> around the R-URI: JAIN-SIP refuses, and we do not strip"),
        rejected("lwsruri", 400, "Bad Request Line", "LWS inside the R-URI: is 'lr' a parameter or the version? ambiguous"),
        parsed("lwsstart", "liberal: extra SPs between elements are unambiguous and re-encoded as single SPs",
                m -> assertStartLine(m, "INVITE sip:user@example.com SIP/2.0")),
        parsed("trws", "liberal: trailing SPs are unambiguous and not re-encoded",
                m -> assertStartLine(m, "OPTIONS sip:remote-target@example.com SIP/2.0")),
        rejected("escruri", 400, "Bad Request-URI", "headers in a R-URI are forbidden (RFC 3261 §19.1.1); rejecting beats silently stripping"),
        parsed("baddate", "liberal: a proxy does not use Date (RFC 4475 says so); the bad Date is kept and forwarded as received",
                ConformanceParsingTest::checkBaddate),
        parsed("regbadct", "liberal: '?' can only start URI headers; the <> are inferred and forwarded",
                m -> assertHeaderLine(m, "Contact: <sip:user@example.com?Route=%3Csip:sip.example.com%3E>")),
        parsed("badaspec", "liberal: spaces inside <> are unambiguous; forwarded without them",
                m -> assertHeaderLine(m, "To: \"Watson, Thomas\" <sip:t.watson@example.org>")),
        parsed("baddn", "liberal: From/To are single-valued, so all before '<' is the display name; forwarded quoted",
                m -> {
                    assertHeaderLine(m, "From: \"Bell, Alexander\" <sip:a.g.bell@example.com>;tag=43");
                    assertHeaderLine(m, "To: \"Watson, Thomas\" <sip:t.watson@example.org>");
                }),
        rejected("badvers", 505, "Version Not Supported", "SIP/7.0 (JAIN-SIP itself reads any version as SIP/2.0)"),
        rejected("mismatch01", 400, "CSeq Method Mismatch", "OPTIONS with CSeq INVITE"),
        rejected("mismatch02", 501, "Not Implemented", "unknown method with CSeq INVITE: 501, which RFC 4475 prefers at proxies"),
        dropped("bigcode", "status code 4294967301: a response, dropped"),
        // §3.2-3.4 semantic: parsed here, the proxy acts on them later
        parsed("badbranch", "semantic: branch is only the magic cookie",
                m -> assertEquals("z9hG4bK", m.getTopmostVia().getBranch())),
        rejected("insuf", 400, "Missing Call-ID", "no Call-ID, From or To"),
        parsed("unkscm", "semantic: unknown R-URI scheme (proxy answers 416)",
                m -> assertEquals("nobodyKnowsThisScheme", ((SIPRequest) m).getRequestURI().getScheme())),
        parsed("novelsc", "semantic: soap.beep R-URI",
                m -> assertEquals("soap.beep", ((SIPRequest) m).getRequestURI().getScheme())),
        parsed("unksm2", "semantic: unknown schemes in To/From/Contact"),
        parsed("bext01", "semantic: unsupported Proxy-Require (proxy answers 420)",
                m -> assertTrue(m.getHeader("Proxy-Require").toString().contains("noProxiesSupportThis"))),
        parsed("invut", "semantic: unknown Content-Type, body forwarded untouched",
                m -> assertArrayEquals(Corpus.afterHeaders(Corpus.rfc4475("invut")), m.getRawContent())),
        parsed("regaut01", "semantic: unknown Authorization scheme, header kept",
                m -> assertTrue(m.getHeader("Authorization").toString().startsWith("Authorization: NoOneKnowsThisScheme"))),
        rejected("multi01", 400, "Duplicate CSeq", "two different CSeq (and Call-ID, To, From, Max-Forwards) values"),
        rejected("mcl01", 400, "Duplicate Content-Length", "two different Content-Length values: framing is corrupt"),
        parsed("bcast", "semantic: a response with a broadcast Via (the proxy drops it)",
                m -> assertEquals("127.255.255.255", vias(m).get(1).getHost())),
        parsed("zeromf", "semantic: Max-Forwards 0 (the proxy answers 483)",
                m -> assertEquals(0, ((SIPRequest) m).getMaxForwards().getMaxForwards())),
        parsed("cparam01", "semantic: ;unknownparam outside <> is a Contact parameter",
                m -> {
                    ContactHeader contact = (ContactHeader) m.getHeader("Contact");
                    assertTrue(contact.getParameterNames().hasNext());
                    assertFalse(((SipUri) contact.getAddress().getURI()).getParameterNames().hasNext());
                }),
        parsed("cparam02", "semantic: ;unknownparam inside <> is a URI parameter",
                m -> {
                    ContactHeader contact = (ContactHeader) m.getHeader("Contact");
                    assertFalse(contact.getParameterNames().hasNext());
                    assertTrue(((SipUri) contact.getAddress().getURI()).hasParameter("unknownparam"));
                }),
        parsed("regescrt", "semantic: escaped Route header inside the Contact URI kept",
                m -> assertHeaderLine(m, "Contact: <sip:user@example.com?Route=%3Csip:sip.example.com%3E>")),
        parsed("sdp01", "semantic: Accept without application/sdp (a UAS answers 406)"),
        parsed("inv2543", "semantic: RFC 2543 INVITE; no Content-Length on UDP: the body runs to the end of the datagram",
                m -> {
                    assertArrayEquals(Corpus.afterHeaders(Corpus.rfc4475("inv2543")), m.getRawContent());
                    assertNull(m.getTopmostVia().getBranch());
                })
    );

    @TestFactory
    Stream<DynamicTest> rfc4475() {
        return RFC4475.stream().map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.why(),
                () -> verify(c, Corpus.rfc4475(c.name()), Transport.UDP)));
    }

    @Test
    void tableCoversEveryRfc4475Message() {
        assertEquals(Corpus.indexed("rfc4475").stream().sorted().toList(),
                RFC4475.stream().map(Case::name).sorted().toList());
    }

    // ---------------------------------------------------------------- RFC 5118

    static final List<Case> RFC5118 = List.of(
        parsed("ipv6-good", "valid: bracketed IPv6 in R-URI, Via and Contact",
                m -> assertEquals("[2001:db8::10]", requestUri(m).getHost())),
        rejected("ipv6-bad", 400, "Bad Request-URI", "IPv6 without [] in the R-URI (JAIN-SIP would add the brackets itself)"),
        parsed("port-ambiguous", "valid: 5070 is part of the address, no port",
                m -> {
                    assertEquals("[2001:db8::10:5070]", requestUri(m).getHost());
                    assertEquals(-1, requestUri(m).getPort());
                }),
        parsed("port-unambiguous", "valid: port 5070 after the brackets",
                m -> {
                    assertEquals("[2001:db8::10]", requestUri(m).getHost());
                    assertEquals(5070, requestUri(m).getPort());
                }),
        parsed("via-received-param-with-delim", "valid: received=[IPv6]",
                m -> {
                    assertEquals("[2001:db8::9:255]", m.getTopmostVia().getReceived());
                    assertEquals("z9hG4bKas3-111", m.getTopmostVia().getBranch());
                }),
        parsed("via-received-param-no-delim", "valid: received=IPv6 without brackets; the branch after it still parses",
                m -> {
                    assertEquals("2001:db8::9:255", m.getTopmostVia().getReceived());
                    assertEquals("z9hG4bKas3", m.getTopmostVia().getBranch());
                }),
        parsed("ipv6-in-sdp", "valid: IPv6 in the SDP body, forwarded untouched",
                m -> assertTrue(new String(m.getRawContent(), StandardCharsets.US_ASCII).contains("c=IN IP6 2001:db8::20"))),
        parsed("mult-ip-in-header", "valid: Via list mixing IPv6 and IPv4",
                m -> assertEquals(List.of("[2001:db8::9:1]", "127.0.2.1", "[2001:db8::9:255]"),
                        vias(m).stream().map(ViaHeader::getHost).toList())),
        parsed("mult-ip-in-sdp", "valid: IPv4 and IPv6 media lines"),
        parsed("ipv4-mapped-ipv6", "valid: [::ffff:127.0.2.10] in Via",
                m -> assertEquals("[::ffff:127.0.2.10]", m.getTopmostVia().getHost())),
        parsed("ipv6-bug-abnf-3-colons", "tolerated as RFC 5118 §4.10 asks: [2001:db8:::127.0.2.1]",
                m -> assertEquals("[2001:db8:::127.0.2.1]", requestUri(m).getHost())),
        parsed("ipv6-correct-abnf-2-colons", "valid: [2001:db8::127.0.2.1]",
                m -> assertEquals("[2001:db8::127.0.2.1]", requestUri(m).getHost()))
    );

    /**
     * As archived, two messages carry the RFC's known Content-Length errors (268 for a
     * 242-octet body, 181 for 180): on UDP that is RFC 4475 clerr, refused the same way.
     */
    static final Map<String, Reject> ARCHIVED_CONTENT_LENGTH_ERRORS = Map.of(
            "ipv6-in-sdp", new Reject(400, "Bad Content-Length"),
            "mult-ip-in-sdp", new Reject(400, "Bad Content-Length"));

    @TestFactory
    Stream<DynamicTest> rfc5118AsArchived() {
        return RFC5118.stream().map(c -> {
            Reject archivedError = ARCHIVED_CONTENT_LENGTH_ERRORS.get(c.name());
            Case asArchived = archivedError == null ? c
                    : new Case(c.name(), archivedError, "archive's Content-Length exceeds its body", null);
            return DynamicTest.dynamicTest(c.name() + " (bare LF): " + asArchived.why(),
                    () -> verify(asArchived, Corpus.rfc5118(c.name()), Transport.UDP));
        });
    }

    @TestFactory
    Stream<DynamicTest> rfc5118OnTheWire() {
        return RFC5118.stream().map(c -> DynamicTest.dynamicTest(c.name() + " (CRLF): " + c.why(),
                () -> verify(c, Corpus.wire(Corpus.rfc5118(c.name())), Transport.UDP)));
    }

    @Test
    void tableCoversEveryRfc5118Message() {
        assertEquals(Corpus.indexed("rfc5118").stream().sorted().toList(),
                RFC5118.stream().map(Case::name).sorted().toList());
    }

    @Test
    void wireFormHasCrlfLinesAndTrueContentLength() {
        String wire = new String(Corpus.wire(Corpus.rfc5118("ipv6-in-sdp")), StandardCharsets.ISO_8859_1);
        assertFalse(wire.replace("\r\n", "").contains("\n"));
        String body = wire.substring(wire.indexOf("\r\n\r\n") + 4);
        assertTrue(wire.contains("Content-Length: " + body.length() + "\r\n"));
    }

    // ---------------------------------------------------------------- verification

    static void verify(Case c, byte[] bytes, Transport transport) {
        byte[] copy = bytes.clone();
        ParseOutcome outcome = PARSER.parse(bytes, transport);
        assertArrayEquals(copy, bytes, "the parser must not modify its input");
        if (c.expected() instanceof Accept) {
            SIPMessage message = assertInstanceOf(ParseOutcome.Parsed.class, outcome, c.why()).message();
            assertBodyMatchesContentLength(message);
            assertHeadersSurviveEncoding(bytes, message);
            c.check().accept(message);
        } else if (c.expected() instanceof Reject reject) {
            ParseOutcome.Rejected rejected = assertInstanceOf(ParseOutcome.Rejected.class, outcome, c.why());
            assertAll(
                () -> assertEquals(reject.status(), rejected.status()),
                () -> assertEquals(reject.reason(), rejected.reason()),
                () -> assertErrorResponse(bytes, rejected));
        } else {
            assertInstanceOf(ParseOutcome.Dropped.class, outcome, c.why());
        }
    }

    private static void assertBodyMatchesContentLength(SIPMessage m) {
        byte[] body = m.getRawContent();
        assertEquals(body == null ? 0 : body.length, m.getContentLength().getContentLength());
    }

    /** Every header name of the input appears in the re-encoded message: nothing dropped. */
    private static void assertHeadersSurviveEncoding(byte[] raw, SIPMessage m) {
        String encoded = new String(m.encodeAsBytes(m.getTopmostVia().getTransport()), StandardCharsets.UTF_8)
                .toLowerCase(java.util.Locale.ROOT);
        String head = new String(raw, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n") >= 0 ? head.indexOf("\r\n\r\n") : head.indexOf("\n\n");
        String[] lines = (end >= 0 ? head.substring(0, end) : head).split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty() || lines[i].charAt(0) == ' ' || lines[i].charAt(0) == '\t') {
                continue;
            }
            String name = HeaderName.expandCompact(lines[i].substring(0, lines[i].indexOf(':')).trim())
                    .toLowerCase(java.util.Locale.ROOT);
            assertTrue(encoded.contains("\n" + name + ":"), "header " + name + " lost in " + encoded);
        }
    }

    private static void assertErrorResponse(byte[] request, ParseOutcome.Rejected rejected) {
        String response = new String(rejected.response(), StandardCharsets.ISO_8859_1);
        String requestText = new String(request, StandardCharsets.ISO_8859_1);
        assertTrue(response.startsWith("SIP/2.0 " + rejected.status() + " " + rejected.reason() + "\r\n"), response);
        assertTrue(response.endsWith("\r\nContent-Length: 0\r\n\r\n"), response);
        // every Via, and the first From, To, Call-ID and CSeq, as received
        java.util.Set<String> copiedOnce = new java.util.HashSet<>();
        for (String line : requestText.split("\r?\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : HeaderName.expandCompact(line.substring(0, colon).trim()).toLowerCase(java.util.Locale.ROOT);
            boolean first = copiedOnce.add(name);
            if (name.equals("via") || (first && (name.equals("call-id") || name.equals("cseq") || name.equals("from")))) {
                assertTrue(response.contains("\r\n" + line + "\r\n"), "missing " + line + " in " + response);
            }
            if (first && name.equals("to")) {
                assertTrue(response.contains("\r\n" + line), "missing " + line + " in " + response);
            }
        }
        int to = response.toLowerCase(java.util.Locale.ROOT).indexOf("\r\nto:");
        if (to >= 0) {
            assertTrue(response.substring(to, response.indexOf("\r\n", to + 2)).contains("tag="), response);
        }
    }

    // ---------------------------------------------------------------- targeted checks

    private static void checkWsinv(SIPMessage m) {
        Header unusual = m.getHeader("UnknownHeaderWithUnusualValue");
        assertInstanceOf(ExtensionHeaderImpl.class, unusual);
        assertEquals(";;,,;;,;", ((ExtensionHeaderImpl) unusual).getValue());
        String encoded = new String(m.encodeAsBytes("UDP"), StandardCharsets.UTF_8);
        assertTrue(encoded.contains("\r\nUnknownHeaderWithUnusualValue: ;;,,;;,;\r\n"), encoded);
        // a fold is whitespace, not nothing (JAIN-SIP alone would glue "value" and "continued")
        String folded = ((ExtensionHeaderImpl) m.getHeader("NewFangledHeader")).getValue();
        assertEquals("newfangled value continued newfangled value", folded.replaceAll("\\s+", " "));
        assertEquals(68, ((SIPRequest) m).getMaxForwards().getMaxForwards());
        assertEquals(9, m.getCSeq().getSeqNumber());
        assertEquals("INVITE", m.getCSeq().getMethod());
        assertEquals(3, vias(m).size());
        assertEquals("z9hG4bK30239", vias(m).get(2).getBranch());
        assertEquals("1918181833n", m.getTo().getTag());
        assertEquals(150, m.getRawContent().length);
    }

    private static void checkIntmeth(SIPMessage m) {
        String method = "!interesting-Method0123456789_*+`.%indeed'~";
        assertEquals(method, ((SIPRequest) m).getMethod());
        assertEquals(method, m.getCSeq().getMethod());
        String display = m.getTo().getAddress().getDisplayName();
        assertTrue(display.contains("\u0000") && display.contains("\u0007") && display.contains("\u007f"), display);
        String raw = new String(Corpus.rfc4475("intmeth"), StandardCharsets.UTF_8);
        String name = "extensionHeader-!.%*+_`'~";
        int at = raw.indexOf(name + ":") + name.length() + 1;
        String utf8Value = raw.substring(at, raw.indexOf("\r\n", at));
        assertTrue(utf8Value.chars().anyMatch(ch -> ch > 0x7f));
        assertEquals(utf8Value, ((ExtensionHeaderImpl) m.getHeader(name)).getValue());
    }

    private static void checkEsc01(SIPMessage m) {
        assertEquals("sips%3Auser%40example.com", requestUri(m).getUser());
        assertEquals("%75se%72", ((SipUri) m.getTo().getAddress().getURI()).getUser());
        assertEquals("I%20have%20spaces", ((SipUri) m.getFrom().getAddress().getURI()).getUser());
        String contact = m.getHeader("Contact").toString();
        assertTrue(contact.contains("n%61me=v%61lue%25%34%31"), contact);
        // kept escaped, so one unescaping gives value%41 and never valueA
        assertEquals("name=value%41", unescapeOnce("n%61me=v%61lue%25%34%31"));
    }

    private static void checkEscnull(SIPMessage m) {
        assertEquals("null-%00-null", ((SipUri) m.getTo().getAddress().getURI()).getUser());
        List<String> users = new ArrayList<>();
        for (Iterator<?> it = m.getHeaders("Contact"); it.hasNext(); ) {
            users.add(((SipUri) ((ContactHeader) it.next()).getAddress().getURI()).getUser());
        }
        assertEquals(List.of("%00", "%00%00"), users);
    }

    private static void checkEsc02(SIPMessage m) {
        assertEquals("RE%47IST%45R", ((SIPRequest) m).getMethod());
        assertInstanceOf(ExtensionHeaderImpl.class, m.getHeader("C%6Fntact"));
        int contacts = 0;
        for (Iterator<?> it = m.getHeaders("Contact"); it.hasNext(); it.next()) {
            contacts++;
        }
        assertEquals(2, contacts);
    }

    private static void checkLongreq(SIPMessage m) {
        List<String> hosts = new ArrayList<>();
        for (int i = 33; i >= 1; i--) {
            hosts.add("sip" + i + ".example.com");
        }
        hosts.add("host.example.com");
        assertEquals(hosts, vias(m).stream().map(ViaHeader::getHost).toList(), "34 Via values, in order");
        String raw = new String(Corpus.rfc4475("longreq"), StandardCharsets.ISO_8859_1);
        String callId = raw.substring(raw.indexOf("Call-ID: ") + 9, raw.indexOf("\r\n", raw.indexOf("Call-ID: ")));
        assertEquals(callId, m.getCallId().getCallId());
        String tag = raw.substring(raw.indexOf(";tag=") + 5, raw.indexOf(";", raw.indexOf(";tag=") + 1));
        assertEquals(tag, m.getFrom().getTag());
        String unknownName = "Unknown-LongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLong-Name";
        int at = raw.indexOf(unknownName + ": ") + unknownName.length() + 2;
        assertEquals(raw.substring(at, raw.indexOf("\r\n", at)), ((ExtensionHeaderImpl) m.getHeader(unknownName)).getValue());
    }

    private static void checkDblreq(SIPMessage m) {
        assertEquals("REGISTER", ((SIPRequest) m).getMethod());
        assertNull(m.getRawContent());
        assertEquals(0, m.getContentLength().getContentLength());
    }

    private static void checkSemiuri(SIPMessage m) {
        SipUri uri = requestUri(m);
        assertEquals("user;par=u%40example.net", uri.getUser());
        assertEquals("example.com", uri.getHost());
        assertFalse(uri.getParameterNames().hasNext());
    }

    private static void checkMpart01(SIPMessage m) {
        byte[] body = Corpus.afterHeaders(Corpus.rfc4475("mpart01"));
        assertArrayEquals(body, m.getRawContent());
        int nuls = 0;
        for (byte b : m.getRawContent()) {
            nuls += b == 0 ? 1 : 0;
        }
        assertEquals(2, nuls);
        byte[] encoded = m.encodeAsBytes("UDP");
        assertArrayEquals(body, Arrays.copyOfRange(encoded, encoded.length - body.length, encoded.length));
    }

    private static void checkUnreason(SIPMessage m) {
        String raw = new String(Corpus.rfc4475("unreason"), StandardCharsets.UTF_8);
        assertEquals(200, ((SIPResponse) m).getStatusCode());
        assertEquals(raw.substring("SIP/2.0 200 ".length(), raw.indexOf("\r\n")), ((SIPResponse) m).getReasonPhrase());
    }

    private static void checkBaddate(SIPMessage m) {
        Header date = m.getHeader("Date");
        assertInstanceOf(ExtensionHeaderImpl.class, date);
        assertEquals("Fri, 01 Jan 2010 16:00:00 EST", ((ExtensionHeaderImpl) date).getValue());
        assertHeaderLine(m, "Date: Fri, 01 Jan 2010 16:00:00 EST");
    }

    // ---------------------------------------------------------------- helpers

    private static SipUri requestUri(SIPMessage m) {
        URI uri = ((SIPRequest) m).getRequestURI();
        return assertInstanceOf(SipUri.class, uri);
    }

    private static List<ViaHeader> vias(SIPMessage m) {
        List<ViaHeader> vias = new ArrayList<>();
        for (Iterator<?> it = m.getHeaders(ViaHeader.NAME); it.hasNext(); ) {
            vias.add((ViaHeader) it.next());
        }
        return vias;
    }

    private static void assertStartLine(SIPMessage m, String line) {
        String encoded = new String(m.encodeAsBytes("UDP"), StandardCharsets.UTF_8);
        assertEquals(line, encoded.substring(0, encoded.indexOf("\r\n")));
    }

    private static void assertHeaderLine(SIPMessage m, String line) {
        String encoded = new String(m.encodeAsBytes(m.getTopmostVia().getTransport()), StandardCharsets.UTF_8);
        assertTrue(encoded.contains("\r\n" + line + "\r\n"), "no '" + line + "' in\n" + encoded);
    }

    private static String unescapeOnce(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%' && i + 2 < s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

}
