package io.sipfront.core.proxy;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.dispatcher.Destination;
import io.sipfront.net.Transport;
import java.nio.charset.StandardCharsets;

/**
 * Keeps SRTP keys off the wire in clear text: with {@code srtp_requires_tls} on the destination's set, an SDP that
 * carries {@code a=crypto} (RFC 4568 SDES keys) is not sent over UDP or TCP. The body itself is never changed.
 */
final class SrtpGuard {
    private static final byte[] CRYPTO = "a=crypto:".getBytes(StandardCharsets.US_ASCII);

    private SrtpGuard() {
    }

    /** Whether sending {@code request} to {@code destination} over {@code out} would expose SRTP keys. */
    static boolean refuses(SIPRequest request, Destination destination, Transport out) {
        if (destination == null || !destination.options().srtpRequiresTls() || out.secure()) {
            return false;
        }
        byte[] body = request.getRawContent();
        return body != null && carriesKeys(body);
    }

    /** An {@code a=crypto:} attribute at the start of a line of the body. */
    static boolean carriesKeys(byte[] body) {
        outer:
        for (int i = 0; i + CRYPTO.length <= body.length; i++) {
            if (i > 0 && body[i - 1] != '\n') {
                continue;
            }
            for (int j = 0; j < CRYPTO.length; j++) {
                if (body[i + j] != CRYPTO[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
