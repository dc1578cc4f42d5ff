package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import javax.sip.SipException;

/** Small JAIN-SIP conveniences. */
final class Messages {
    private Messages() {
    }

    /**
     * RFC 3261 §16.6 step 3: decrements Max-Forwards, or adds 70 when absent.
     *
     * @return false (and nothing changed) when it is already 0: the request must not be forwarded
     */
    static boolean decrementMaxForwards(javax.sip.message.Request request) {
        MaxForwards mf = (MaxForwards) request.getHeader(MaxForwards.NAME);
        try {
            if (mf == null) {
                request.setHeader(new MaxForwards(70));
            } else if (mf.getMaxForwards() <= 0) {
                return false;
            } else {
                mf.decrementMaxForwards();
            }
        } catch (javax.sip.InvalidArgumentException | javax.sip.header.TooManyHopsException e) {
            return false; // cannot happen for 70 or a positive value
        }
        return true;
    }

    /** Puts a Via or Record-Route value on top; these are list headers, so JAIN-SIP's SipException cannot happen. */
    static void prepend(SIPMessage message, SIPHeader header) {
        try {
            message.addFirst(header);
        } catch (SipException e) {
            throw new IllegalStateException("cannot prepend " + header.getName(), e);
        }
    }
}
