package io.sipfront.core.sip;

import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;

import java.text.ParseException;

/**
 * The first failure that makes one message unacceptable, and the parser's {@link ParsedLines}. One instance per parse.
 *
 * <p>As JAIN-SIP's {@link ParseExceptionListener} it hears only about the start line (header
 * lines are handled by {@link CheckedMsgParser}); it records the failure and rethrows, which
 * ends the parse, as JAIN-SIP's own message channels do.
 */
final class ParseFailures implements ParseExceptionListener {

    private final ParsedLines parsedLines;
    private Failure first;

    /** @param parsedLines the parser's caches, which {@link CheckedMsgParser} reaches through this listener */
    ParseFailures(ParsedLines parsedLines) {
        this.parsedLines = parsedLines;
    }

    ParsedLines parsedLines() {
        return parsedLines;
    }

    void record(Failure failure) {
        if (first == null) {
            first = failure;
        }
    }

    /** The first failure recorded, or null. */
    Failure first() {
        return first;
    }

    @Override
    public void handleException(ParseException ex, SIPMessage message, @SuppressWarnings("rawtypes") Class headerClass,
                                String headerText, String messageText) throws ParseException {
        record(headerClass == StatusLine.class ? Failure.bad("Status Line") : Failure.BAD_REQUEST_LINE);
        throw ex;
    }
}
