package io.sipfront.ha;

/** A datagram on the heartbeat port that is not an authentic, fresh advert from the peer. */
final class BadAdvertException extends Exception {
    enum Reason { MALFORMED, BAD_MAC, REPLAY, WRONG_SENDER }

    private final Reason reason;

    BadAdvertException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
