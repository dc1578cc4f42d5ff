package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.sip.LocalIdentity;
import java.util.ListIterator;
import javax.sip.header.ProxyRequireHeader;

/**
 * Loop detection for initial requests. By default any initial request that already carries our address in a Via or
 * a Record-Route is a loop (a call bouncing platform → Sipfront → carrier → Sipfront) and gets 482.
 *
 * <p>With spiral handling on (RFC 3261 §16.3 step 4) the branch of our earlier Via carries a hash of the fields
 * that identify the request; the request is a loop only if that hash is unchanged, otherwise it is a spiral (the
 * request came back changed, e.g. with another Request-URI) and is forwarded. The hash leaves out the top Via:
 * after a bounce it is the carrier's, so including it (as §16.6 step 8 lists) would make every loop look like a
 * spiral.
 */
final class LoopDetector {
    private final LocalIdentity identity;
    private final boolean spiralHandling;

    LoopDetector(LocalIdentity identity, boolean spiralHandling) {
        this.identity = identity;
        this.spiralHandling = spiralHandling;
    }

    /** The hash to carry in our branches, or null when spiral handling is off. */
    String loopHash(SIPRequest request) {
        if (!spiralHandling) {
            return null;
        }
        StringBuilder b = new StringBuilder(128)
                .append(request.getRequestURI()).append('|')
                .append(request.getFromTag()).append('|')
                .append(request.getToTag()).append('|')
                .append(request.getCallId().getCallId()).append('|')
                .append(request.getCSeq().getSeqNumber());
        ListIterator<?> pr = request.getHeaders(ProxyRequireHeader.NAME);
        while (pr != null && pr.hasNext()) {
            b.append('|').append(pr.next());
        }
        return Integer.toHexString(b.toString().hashCode());
    }

    /** Whether {@code request} (an initial request) is looping through us. */
    boolean isLoop(SIPRequest request, String loopHash) {
        ViaList vias = request.getViaHeaders();
        if (vias != null) {
            for (Object o : vias) {
                Via via = (Via) o;
                if (identity.isLocal(via.getHost(), via.getPort())) {
                    if (!spiralHandling) {
                        return true;
                    }
                    String earlier = Branches.loopHashOf(via.getBranch());
                    if (earlier == null || earlier.equals(loopHash)) {
                        return true;
                    }
                }
            }
        }
        if (!spiralHandling) {
            RecordRouteList rrs = request.getRecordRouteHeaders();
            if (rrs != null) {
                for (Object o : rrs) {
                    if (((RecordRoute) o).getAddress().getURI() instanceof SipUri uri && identity.isLocal(uri)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
