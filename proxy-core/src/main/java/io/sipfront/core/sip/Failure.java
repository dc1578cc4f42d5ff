package io.sipfront.core.sip;

/** Why a message is refused: the status and reason phrase a request would be answered with. */
record Failure(int status, String reason) {

    static final Failure BAD_REQUEST_LINE = bad("Request Line");
    static final Failure BAD_HEADER_LINE = bad("Header Line");
    static final Failure BAD_LINE_ENDING = bad("Line Ending");
    static final Failure BAD_REQUEST_URI = bad("Request-URI");
    static final Failure TOO_MANY_HEADERS = new Failure(400, "Too Many Headers");
    static final Failure TOO_MANY_PARAMETERS = new Failure(400, "Too Many Parameters");
    static final Failure MALFORMED = new Failure(400, "Bad Request");
    static final Failure CSEQ_METHOD_MISMATCH = new Failure(400, "CSeq Method Mismatch");
    static final Failure NOT_IMPLEMENTED = new Failure(501, "Not Implemented");
    static final Failure VERSION_NOT_SUPPORTED = new Failure(505, "Version Not Supported");

    static Failure bad(String part) {
        return new Failure(400, "Bad " + part);
    }

    static Failure missing(String header) {
        return new Failure(400, "Missing " + header);
    }

    static Failure duplicate(String header) {
        return new Failure(400, "Duplicate " + header);
    }
}
