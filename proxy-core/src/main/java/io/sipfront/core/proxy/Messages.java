package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import javax.sip.SipException;

/** Small JAIN-SIP conveniences. */
final class Messages {
    private Messages() {
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
