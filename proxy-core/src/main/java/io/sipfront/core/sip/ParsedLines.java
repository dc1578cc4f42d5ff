package io.sipfront.core.sip;

import gov.nist.core.GenericObject;
import gov.nist.javax.sip.header.SIPHeader;

/**
 * A parser's caches of lines already parsed: header lines, and start lines (a {@code RequestLine}
 * or a {@code StatusLine}), kept apart so that a start line can never be mistaken for a header of the same
 * text; and header lines by their {@link LineTemplate} (the line without its per-call value), for the lines
 * that are new in every call: a Via's branch, a From or To tag, the Call-ID.
 */
record ParsedLines(ParsedLineCache<SIPHeader> headers, ParsedLineCache<GenericObject> startLines,
                   ParsedLineCache<SIPHeader> templates) {

    /** About 12 MB: at 1,000 calls/s, the lines of the last second of calls or more. */
    static final int HEADER_LINES = 8192;
    /** Start lines repeat across calls far more than they vary (status lines, the ACK and BYE to a Contact). */
    static final int START_LINES = 256;

    /** Templates repeat per peer and per caller or callee: far fewer than the lines they stand for. */
    static final int TEMPLATES = 4096;

    static ParsedLines create() {
        return new ParsedLines(new ParsedLineCache<>(HEADER_LINES), new ParsedLineCache<>(START_LINES),
                new ParsedLineCache<>(TEMPLATES));
    }
}
