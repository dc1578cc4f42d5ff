package io.sipfront.core.sip;

import gov.nist.javax.sip.message.SIPMessage;
import io.sipfront.net.Transport;

import java.util.Arrays;

/** Sets the body: exactly Content-Length bytes after the headers, never a string conversion. */
final class MessageBody {

    private MessageBody() {
    }

    /** Attaches the body to the message; returns why it cannot, or null. */
    static Failure attach(SIPMessage message, MessageScan scan, Transport transport) {
        byte[] bytes = scan.bytes();
        int from = scan.headersEnd();
        int available = bytes.length - from;
        long declared = scan.contentLength();
        int length;
        if (declared == MessageScan.ABSENT) {
            if (transport.reliable()) {
                return Failure.missing(HeaderName.CONTENT_LENGTH.canonical); // RFC 3261 §18.3: mandatory on streams
            }
            length = available; // RFC 3261 §18.3: on UDP the body runs to the end of the datagram
        } else if (declared > available) {
            return Failure.bad(HeaderName.CONTENT_LENGTH.canonical); // RFC 4475 clerr
        } else {
            length = (int) declared; // octets beyond it are ignored (RFC 3261 §18.3, RFC 4475 dblreq)
        }
        if (length > 0) {
            message.setMessageContent(Arrays.copyOfRange(bytes, from, from + length));
        }
        return null;
    }
}
