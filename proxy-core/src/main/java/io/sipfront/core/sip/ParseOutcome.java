package io.sipfront.core.sip;

import gov.nist.javax.sip.message.SIPMessage;

import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link SipParser} made of one framed message: exactly one of
 * {@link Parsed}, {@link Rejected} or {@link Dropped}.
 */
public sealed interface ParseOutcome permits ParseOutcome.Parsed, ParseOutcome.Rejected, ParseOutcome.Dropped {

    /**
     * A well-formed message.
     *
     * <p>A header that JAIN-SIP could not parse but that Sipfront does not need (a bad
     * {@code Date}, say) is kept as a {@link gov.nist.javax.sip.header.ExtensionHeaderImpl}
     * under its own name, so {@code encodeAsBytes} forwards it. Code that reads such a header
     * must check its type before casting ({@code getHeader("Date")} may return an
     * {@code ExtensionHeader}, not a {@code DateHeader}).
     *
     * @param message a {@link gov.nist.javax.sip.message.SIPRequest} or
     *                {@link gov.nist.javax.sip.message.SIPResponse}; its body is exactly
     *                Content-Length bytes
     */
    record Parsed(SIPMessage message) implements ParseOutcome {
        public Parsed {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A request that is malformed but can be answered.
     *
     * @param status   the response status (400, 501 or 505)
     * @param reason   the reason phrase, naming the bad part ({@code Bad CSeq}, {@code Missing Call-ID})
     * @param response the serialized stateless error response to send back to the source;
     *                 owned by the caller
     */
    record Rejected(int status, String reason, byte[] response) implements ParseOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(response, "response");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rejected r && r.status == status && r.reason.equals(reason)
                    && Arrays.equals(r.response, response);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, reason, Arrays.hashCode(response));
        }

        @Override
        public String toString() {
            return "Rejected[" + status + " " + reason + ", " + response.length + " bytes]";
        }
    }

    /**
     * Bytes that get no answer: unparseable input, any malformed response (responses are
     * never answered), a malformed ACK (never answered either) or a request without Via
     * (no client could match an answer to it).
     *
     * @param reason for logs and metrics
     */
    record Dropped(String reason) implements ParseOutcome {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
