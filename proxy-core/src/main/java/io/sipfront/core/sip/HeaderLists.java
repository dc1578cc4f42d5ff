package io.sipfront.core.sip;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.header.SIPHeaderNamesCache;
import gov.nist.javax.sip.message.ListMap;
import gov.nist.javax.sip.message.SIPMessage;

/**
 * Adds a value of a list header (Via, Record-Route, Route, Contact, ...) to the list of its kind a message already
 * holds, which is all {@code SIPMessage.attachHeader} does in the end for such a header. On its way {@code
 * attachHeader} creates a list by reflection ({@code Class.newInstance}, which walks the stack to check its
 * caller) and compares the first header of that name with every header of the message: quadratic for many
 * repeated lines when parsing, and about 2 % of an event loop for the Via of every forwarded request
 * (docs/performance.md).
 */
public final class HeaderLists {
    private HeaderLists() {
    }

    /**
     * Adds {@code header} (one value, or a whole list of them) at the top or the end of the message's list of
     * the same kind.
     *
     * @return false, and nothing changed, when the message has no such list
     */
    @SuppressWarnings({"rawtypes", "unchecked"}) // JAIN-SIP's header lists are raw in its own API
    public static boolean addToList(SIPMessage message, SIPHeader header, boolean top) {
        SIPHeader current = message.getSIPHeaderListLowerCase(SIPHeaderNamesCache.toLowerCase(header.getName()));
        if (!(current instanceof SIPHeaderList list)) {
            return false;
        }
        if (header instanceof SIPHeaderList values) {
            if (list.getClass() != values.getClass()) {
                return false;
            }
            list.concatenate(values, top);
        } else if (list.getClass() == ListMap.getListClass(header.getClass())) {
            if (top) {
                list.addFirst(header);
            } else {
                list.add(header);
            }
        } else {
            return false;
        }
        return true;
    }
}
