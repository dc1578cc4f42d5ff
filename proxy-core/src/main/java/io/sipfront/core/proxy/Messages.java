package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPMessage;
import io.sipfront.core.sip.HeaderLists;
import java.text.ParseException;
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

    /**
     * Puts a Via or Record-Route value on top: into the list the message already has, or into a new list of the
     * right kind, without {@code SIPMessage.addFirst}'s reflection and header scan ({@link HeaderLists}).
     */
    @SuppressWarnings({"rawtypes", "unchecked"}) // JAIN-SIP's header lists are raw in its own API
    static void prepend(SIPMessage message, SIPHeader header) {
        if (HeaderLists.addToList(message, header, true)) {
            return;
        }
        SIPHeaderList fresh = header instanceof Via ? new ViaList()
                : header instanceof RecordRoute ? new RecordRouteList() : null;
        try {
            if (fresh != null && message.getHeader(header.getName()) == null) {
                fresh.add(header);
                message.attachHeader(fresh, false, true);
            } else {
                message.addFirst(header);
            }
        } catch (SipException | ParseException e) {
            throw new IllegalStateException("cannot prepend " + header.getName(), e);
        }
    }
}
