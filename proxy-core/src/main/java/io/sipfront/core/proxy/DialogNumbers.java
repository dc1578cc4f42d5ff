package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.RAck;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.auth.DialogCseq;
import io.sipfront.core.lane.Lane;
import javax.sip.InvalidArgumentException;

/**
 * Applies a dialog's CSeq offset ({@link DialogCseq}) to what passes statelessly or starts a new forwarding:
 * requests toward the carrier that counts ahead (ACK of the 2xx, BYE, re-INVITE, PRACK's RAck, …) go up by it;
 * responses without a transaction come back down by it. Responses with a transaction get the caller's number back
 * in {@link Upstream#relay}.
 */
final class DialogNumbers {
    private DialogNumbers() {
    }

    private static String key(SIPMessage m) {
        return DialogCseq.key(m.getCallId().getCallId(), m.getFromTag());
    }

    /** Renumbers a request of a dialog toward the carrier; a BYE also ends the offset's life. */
    static void towardCarrier(ProxyContext p, Lane lane, SIPRequest request) {
        if (p.auth().accounts().isEmpty()) {
            return; // no account, no authenticated retry: no offsets, and no key to build per message
        }
        DialogCseq offsets = lane.state().auth.cseq;
        String key = key(request);
        int offset = offsets.offset(key, p.auth().share());
        if (offset == 0) {
            return;
        }
        shift(request, offset);
        RAck rack = (RAck) request.getHeader(RAck.NAME);
        if (rack != null) {
            try {
                rack.setCSequenceNumber(rack.getCSequenceNumber() + offset);
            } catch (InvalidArgumentException e) {
                throw new IllegalStateException("RAck out of range after the dialog's CSeq offset", e);
            }
        }
        if (javax.sip.message.Request.BYE.equals(request.getMethod())) {
            offsets.remove(key, p.auth().share());
        }
    }

    /** A response forwarded without a transaction (a 2xx retransmission after a takeover): the caller's number. */
    static void towardCaller(ProxyContext p, Lane lane, SIPMessage response) {
        if (p.auth().accounts().isEmpty()) {
            return;
        }
        int offset = lane.state().auth.cseq.offset(key(response), p.auth().share());
        if (offset != 0) {
            shift(response, -offset);
        }
    }

    private static void shift(SIPMessage m, int by) {
        try {
            m.getCSeq().setSeqNumber(m.getCSeq().getSeqNumber() + by);
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException("CSeq out of range after the dialog's offset", e);
        }
    }
}
