package io.sipfront.core.sip;

import gov.nist.core.GenericObject;
import gov.nist.javax.sip.header.SIPHeader;

/**
 * One parsing thread's caches of lines already parsed: header lines, and start lines (a {@code RequestLine}
 * or a {@code StatusLine}), kept apart so that a start line can never be mistaken for a header of the same
 * text.
 */
record ParsedLines(ParsedLineCache<SIPHeader> headers, ParsedLineCache<GenericObject> startLines) {

    /** About 3 MB per thread: at 1,000 calls/s, the lines of the last few seconds of calls. */
    static final int HEADER_LINES = 2048;
    /** Start lines repeat across calls far more than they vary (status lines, the ACK and BYE to a Contact). */
    static final int START_LINES = 256;

    static ParsedLines create() {
        return new ParsedLines(new ParsedLineCache<>(HEADER_LINES), new ParsedLineCache<>(START_LINES));
    }
}
