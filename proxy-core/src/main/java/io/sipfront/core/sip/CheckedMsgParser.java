package io.sipfront.core.sip;

import gov.nist.core.GenericObject;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.message.ListMap;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.Lexer;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.parser.StringMsgParser;

import java.text.ParseException;
import java.util.Locale;

/**
 * JAIN-SIP's {@link StringMsgParser} with its per-header step replaced, because the original
 * loses headers without a word: {@code SIPMessage.attachHeader} ignores a second value of a
 * single-value header (a second CSeq, a second Expires) and folds a header it could not parse
 * into a typed list of the same name, where it disappears. A header whose %-escapes the parse
 * damaged ({@link GenericUris}) counts as not parsed, as does one whose encoding does not parse
 * back to itself; a CSeq with a lower-case extension method is replaced by a
 * {@link CaseKeepingCSeq}.
 *
 * <p>Here a header that does not parse either ends the parse (the {@link HeaderName} ones) or
 * is kept, unparsed, as an {@link ExtensionHeaderImpl} under its long name; that is what
 * {@code encodeAsBytes} writes out (the message's "unrecognized headers" list, which JAIN-SIP's
 * channels use, is written only by {@code encode()}, which garbles binary bodies). A repeated
 * single-value header is dropped only when identical to the first; otherwise, and when a kept
 * header shares its name with a parsed one, the parse ends.
 *
 * <p>A line parsed and checked before is copied from the parser's {@link ParsedLines}
 * rather than parsed again, header lines and start lines alike: the result depends only on the line. A header
 * line whose only new part is its per-call value ({@link LineTemplate}: a branch, a tag, a Call-ID) is a copy of
 * an earlier line of the same template with that value set.
 *
 * <p>No state: one instance serves all threads (StringMsgParser keeps none either; its only
 * static fields are a logger and a flag Sipfront never sets). Failures go to the
 * per-parse {@link ParseFailures} passed as the listener, which also carries the parser's caches.
 */
final class CheckedMsgParser extends StringMsgParser {

    @Override
    protected SIPMessage processFirstLine(String firstLine, ParseExceptionListener listener, byte[] raw)
            throws ParseException {
        ParsedLineCache<GenericObject> cache = ((ParseFailures) listener).parsedLines().startLines();
        GenericObject kept = cache.copyOf(firstLine);
        if (kept instanceof RequestLine requestLine) {
            SIPRequest request = new SIPRequest();
            request.setRequestLine(requestLine); // what the parse does with a line it read
            return request;
        }
        if (kept instanceof StatusLine statusLine) {
            SIPResponse response = new SIPResponse();
            response.setStatusLine(statusLine);
            return response;
        }
        SIPMessage message = super.processFirstLine(firstLine, listener, raw);
        if (message instanceof SIPRequest request && request.getRequestLine() != null) {
            cache.parsed(firstLine, request.getRequestLine());
        } else if (message instanceof SIPResponse response && response.getStatusLine() != null) {
            cache.parsed(firstLine, response.getStatusLine());
        }
        return message;
    }

    @Override
    protected void processHeader(String text, SIPMessage message, ParseExceptionListener listener, byte[] raw)
            throws ParseException {
        if (text == null || text.isEmpty()) {
            return;
        }
        ParseFailures failures = (ParseFailures) listener;
        ParsedLineCache<SIPHeader> cache = failures.parsedLines().headers();
        SIPHeader header = cache.copyOf(text);
        if (header != null) {
            attach(header, message, failures);
            return;
        }
        LineTemplate template = LineTemplate.of(text);
        ParsedLineCache<SIPHeader> templates = failures.parsedLines().templates();
        if (template != null) {
            SIPHeader copy = templates.copyOf(template.key());
            header = copy == null ? null : template.fill(copy);
            if (header != null) {
                attach(header, message, failures);
                return;
            }
        }
        try {
            header = ParserFactory.createParser(text + "\n").parse();
        } catch (ParseException e) {
            keepUnparsed(text, message, failures, e);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            // JAIN-SIP's header parsers also fail with index errors on hostile input: same meaning
            keepUnparsed(text, message, failures, new ParseException(e.toString(), 0));
            return;
        }
        if (header instanceof CSeq cseq && !cseq.getMethod().equals(cseq.getMethod().toUpperCase(Locale.ROOT))) {
            header = new CaseKeepingCSeq(cseq.getSeqNumber(), cseq.getMethod());
        }
        if (!GenericUris.intact(header, text)) {
            keepUnparsed(text, message, failures, new ParseException("JAIN-SIP lost a %-escape", 0));
            return;
        }
        if (!encodesStably(header, text)) {
            keepUnparsed(text, message, failures, new ParseException("JAIN-SIP's reading does not survive encoding", 0));
            return;
        }
        if (template != null && template.describes(header)) {
            templates.parsed(template.key(), header); // a line new in every call: kept by its template only
        } else {
            cache.parsed(text, header);
        }
        attach(header, message, failures);
    }

    private static void keepUnparsed(String text, SIPMessage message, ParseFailures failures, ParseException cause)
            throws ParseException {
        String rawName = Lexer.getHeaderName(text);
        if (rawName == null || rawName.isEmpty()) {
            throw end(failures, Failure.BAD_HEADER_LINE, cause);
        }
        HeaderName known = HeaderName.of(rawName);
        if (known != HeaderName.OTHER) {
            throw end(failures, Failure.bad(known.canonical), cause);
        }
        String name = HeaderName.expandCompact(rawName);
        if (message.getHeader(name) instanceof SIPHeader existing && !(existing instanceof ExtensionHeaderImpl)) {
            throw end(failures, Failure.bad(existing.getName()), cause);
        }
        ExtensionHeaderImpl unparsed = new ExtensionHeaderImpl(name);
        unparsed.setValue(Lexer.getHeaderValue(text).trim());
        message.attachHeader(unparsed, false);
    }

    /**
     * Whether parsing the header's encoding gives the same encoding. JAIN-SIP reads some broken
     * values liberally and writes out something else ({@code To: sip:a@exa ple.net} becomes
     * {@code <sip:a@exa>;ple.net=}, a display name with a stray quote is quoted again, nested
     * comments in Server gain a '/'); if the encoding does not parse back to itself, the first
     * parse invented something. A header received in JAIN-SIP's own canonical form encodes to
     * its own value and needs no second parse: the common case costs a compare.
     */
    private static boolean encodesStably(SIPHeader header, String text) {
        String encoded = header.encode(); // "Name: value\r\n"
        String value = encoded.substring(encoded.indexOf(':') + 1, encoded.length() - 2).trim();
        if (value.equals(Lexer.getHeaderValue(text).trim())) {
            return true;
        }
        try {
            String again = ParserFactory.createParser(encoded.substring(0, encoded.length() - 2) + "\n").parse().encode();
            return again.equals(encoded);
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    private static void attach(SIPHeader header, SIPMessage message, ParseFailures failures) throws ParseException {
        if (header instanceof ContentLength) {
            message.attachHeader(header, false); // repeats were compared by MessageScan
            return;
        }
        if (message.getHeader(header.getName()) instanceof SIPHeader existing) {
            if (existing instanceof ExtensionHeaderImpl && !(header instanceof ExtensionHeaderImpl)) {
                // an earlier header of this name did not parse and is kept as received
                throw end(failures, Failure.bad(header.getName()), null);
            }
            boolean multiValued = header instanceof SIPHeaderList || ListMap.hasList(header);
            if (!multiValued) {
                if (existing.getHeaderValue().equals(header.getHeaderValue())) {
                    return; // an identical repeat: nothing is lost by keeping one
                }
                throw end(failures, Failure.duplicate(header.getName()), null);
            }
            // a repeated list header (a second Record-Route line) joins the list already there
            if (HeaderLists.addToList(message, header, false)) {
                return;
            }
        }
        message.attachHeader(header, false);
    }

    private static ParseException end(ParseFailures failures, Failure failure, ParseException cause) {
        failures.record(failure);
        return cause != null ? cause : new ParseException(failure.reason(), 0);
    }
}
