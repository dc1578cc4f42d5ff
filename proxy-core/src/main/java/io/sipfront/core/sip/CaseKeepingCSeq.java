package io.sipfront.core.sip;

import gov.nist.javax.sip.header.CSeq;

/**
 * A CSeq that writes its method as received. JAIN-SIP's {@code CSeq.encodeBody} upper-cases
 * the method, so an extension method with lower-case letters (RFC 4475 intmeth) would be
 * forwarded with a CSeq that no longer matches its request line (methods are case-sensitive,
 * RFC 3261 §7.1). Used only for such methods.
 */
final class CaseKeepingCSeq extends CSeq {

    CaseKeepingCSeq(long seqNumber, String method) {
        super(seqNumber, method);
    }

    @Override
    protected StringBuilder encodeBody(StringBuilder buffer) {
        return buffer.append(seqno).append(' ').append(method);
    }
}
