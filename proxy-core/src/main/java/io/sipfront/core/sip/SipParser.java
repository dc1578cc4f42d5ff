package io.sipfront.core.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Objects;

/**
 * Turns the bytes of one framed SIP message into a JAIN-SIP message, or into a precise
 * refusal: a {@link ParseOutcome.Rejected} stateless error response for a malformed request,
 * a {@link ParseOutcome.Dropped} for anything that must not be answered.
 *
 * <p>Steps: {@link MessageScan} finds the lines, the body and framing errors in the raw bytes;
 * {@link StartLine} checks what JAIN-SIP reads too liberally; JAIN-SIP's {@code StringMsgParser}
 * (as {@link CheckedMsgParser}, which never drops a header silently) parses the start line and
 * headers; {@link RequestChecks} and {@link MessageBody} finish. A failure in the start line or
 * a {@link HeaderName} header refuses the message; any other header that does not parse is
 * kept as received.
 *
 * <p>Thread-safe and meant to be shared: an instance holds its limits and caches, and each call
 * works on its own objects, apart from its {@link ParsedLines}, thread-safe caches of lines already
 * parsed. Never throws, whatever the bytes.
 */
public final class SipParser {

    private static final Logger LOG = LoggerFactory.getLogger(SipParser.class);

    /** Stateless, so shared by all threads and instances. */
    private static final CheckedMsgParser JAIN_SIP = new CheckedMsgParser();

    private static final String WARM_UP = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-warmup\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: \"Alice\" <sip:alice@example.com>;tag=1\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "Call-ID: warmup@127.0.0.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:alice@127.0.0.1:5060>\r\n"
            + "Route: <sip:127.0.0.2;lr>\r\n"
            + "Record-Route: <sip:127.0.0.3;lr>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 4\r\n\r\nv=0\n";

    private static boolean initialized;


    static {
        init();
    }

    private final int maxHeaders;
    private final ParsedLines parsedLines = ParsedLines.create();

    /**
     * @param maxHeaders most header fields accepted in one message (a folded field counts once);
     *                   more is answered with {@code 400 Too Many Headers}
     */
    public SipParser(int maxHeaders) {
        if (maxHeaders < 1) {
            throw new IllegalArgumentException("maxHeaders must be at least 1, was " + maxHeaders);
        }
        this.maxHeaders = maxHeaders;
    }

    /**
     * Prepares JAIN-SIP for use without its stack, once: routes its logging to SLF4J
     * ({@link Slf4jStackLogger}), arms the guards on its racy static state
     * ({@link ParserCoreGuard}, {@link HeaderNameCacheGuard}) and builds its lexer tables on
     * this thread with one warm-up parse. Runs from this class's static initializer; calling
     * it early at start-up makes a wrong JAIN-SIP version fail there, loudly.
     *
     * @throws IllegalStateException if this JAIN-SIP build lacks what the guards need or cannot
     *                               parse the warm-up message
     */
    public static synchronized void init() {
        if (initialized) {
            return;
        }
        Slf4jStackLogger.install();
        ParserCoreGuard.reset();
        HeaderNameCacheGuard.trim();
        ParseOutcome warmUp = new SipParser(64).parse(WARM_UP.getBytes(StandardCharsets.US_ASCII), Transport.UDP);
        if (!(warmUp instanceof ParseOutcome.Parsed)) {
            throw new IllegalStateException("JAIN-SIP cannot parse a plain INVITE: " + warmUp);
        }
        initialized = true;
    }

    /**
     * Parses one framed message.
     *
     * @param bytes     exactly one message (a UDP datagram or one stream-framed message); not modified
     * @param transport UDP: a missing Content-Length means the body runs to the end of the
     *                  datagram; TCP: a missing Content-Length is refused
     */
    public ParseOutcome parse(byte[] bytes, Transport transport) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(transport, "transport");
        MessageScan scan = null;
        try {
            scan = MessageScan.scan(bytes, maxHeaders);
            return scan.hasStartLine() ? parse(scan, transport) : new ParseOutcome.Dropped("no start line");
        } catch (Throwable t) { // deep nesting has made JAIN-SIP throw StackOverflowError
            return afterCrash(scan, t);
        }
    }

    private ParseOutcome parse(MessageScan scan, Transport transport) {
        if (scan.isResponse()) {
            String badStatusLine = StartLine.checkStatusLine(scan.startLine());
            if (badStatusLine != null) {
                return new ParseOutcome.Dropped(badStatusLine);
            }
        }
        Failure failure = scan.failure();
        if (failure == null && !scan.isResponse()) {
            failure = StartLine.checkRequestLine(scan.startLine());
        }
        if (failure == null) {
            failure = scan.missingHeader();
        }
        if (failure != null) {
            return refuse(scan, failure);
        }

        ParseFailures failures = new ParseFailures(parsedLines);
        SIPMessage message;
        ParserCoreGuard.reset();
        try {
            message = JAIN_SIP.parseSIPMessage(scan.headerSectionForJainSip(), false, false, failures);
        } catch (ParseException e) {
            return refuse(scan, failures.first() != null ? failures.first() : Failure.MALFORMED);
        } finally {
            HeaderNameCacheGuard.trim();
        }
        if (message == null || (message instanceof SIPResponse) != scan.isResponse()) {
            return new ParseOutcome.Dropped("start line read differently by JAIN-SIP");
        }
        if (message instanceof SIPRequest request) {
            failure = RequestChecks.check(request, scan.startLine());
        }
        if (failure == null) {
            failure = MessageBody.attach(message, scan, transport);
        }
        return failure == null ? new ParseOutcome.Parsed(message) : refuse(scan, failure);
    }

    /** A stateless error response when the request can be answered, else a drop. */
    private static ParseOutcome refuse(MessageScan scan, Failure failure) {
        if (scan.isResponse()) {
            return new ParseOutcome.Dropped("malformed response: " + failure.reason());
        }
        if (StartLine.method(scan.startLine()).equals("ACK")) {
            return new ParseOutcome.Dropped("malformed ACK: " + failure.reason()); // RFC 3261 §17.2.3: never answered
        }
        if (scan.count(HeaderName.VIA) == 0) {
            // No client could match an answer to its transaction; answering would only reflect traffic.
            return new ParseOutcome.Dropped("request without Via: " + failure.reason());
        }
        return new ParseOutcome.Rejected(failure.status(), failure.reason(), ErrorResponse.build(scan, failure));
    }

    private static ParseOutcome afterCrash(MessageScan scan, Throwable t) {
        String why = "parser failure: " + t.getClass().getName();
        try {
            LOG.debug("JAIN-SIP failed on a message", t);
            return scan != null && scan.hasStartLine() ? refuse(scan, Failure.MALFORMED) : new ParseOutcome.Dropped(why);
        } catch (Throwable again) {
            return new ParseOutcome.Dropped(why);
        }
    }

    /** This parser's caches (tests look at what they hold). */
    ParsedLines parsedLines() {
        return parsedLines;
    }
}
