package io.sipfront.core.sip;

import gov.nist.core.GenericObject;
import gov.nist.javax.sip.header.SIPHeader;

/**
 * A parser's caches of lines already parsed: header lines, and start lines (a {@code RequestLine}
 * or a {@code StatusLine}), kept apart so that a start line can never be mistaken for a header of the same
 * text.
 */
record ParsedLines(ParsedLineCache<SIPHeader> headers, ParsedLineCache<GenericObject> startLines) {

    /** About 12 MB: at 1,000 calls/s, the lines of the last second of calls or more. */
    static final int HEADER_LINES = 8192;
    /** Start lines repeat across calls far more than they vary (status lines, the ACK and BYE to a Contact). */
    static final int START_LINES = 256;

    static ParsedLines create() {
        return new ParsedLines(new ParsedLineCache<>(HEADER_LINES), new ParsedLineCache<>(START_LINES));
    }
}
