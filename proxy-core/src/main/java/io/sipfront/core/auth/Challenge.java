package io.sipfront.core.auth;

import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.header.ProxyAuthenticate;
import gov.nist.javax.sip.header.WWWAuthenticate;
import gov.nist.javax.sip.message.SIPResponse;
import java.util.ListIterator;
import java.util.Locale;

/**
 * One digest challenge of a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate). When a response carries several
 * (RFC 8760 §2.4: one per algorithm), the strongest supported one is taken: never MD5 when SHA-256 is offered.
 *
 * @param proxy whether it came in a 407, so the answer goes in Proxy-Authorization
 * @param qop   {@code auth} when offered, else null (RFC 2069 form); {@code auth-int} alone is not supported
 */
public record Challenge(boolean proxy, String realm, String nonce, String opaque, DigestAlgorithm algorithm,
                        String qop, boolean stale) {

    /** The challenge of a 401/407 we can answer, or null (no digest challenge, unknown algorithm, auth-int only). */
    public static Challenge of(SIPResponse response) {
        int status = response.getStatusCode();
        if (status != 401 && status != 407) {
            return null;
        }
        boolean proxy = status == 407;
        ListIterator<?> it = response.getHeaders(proxy ? ProxyAuthenticate.NAME : WWWAuthenticate.NAME);
        Challenge best = null;
        while (it != null && it.hasNext()) {
            if (it.next() instanceof AuthenticationHeader h) {
                Challenge c = of(h, proxy);
                if (c != null && (best == null || c.algorithm.strength() > best.algorithm.strength())) {
                    best = c;
                }
            }
        }
        return best;
    }

    private static Challenge of(AuthenticationHeader h, boolean proxy) {
        if (h.getScheme() == null || !h.getScheme().equalsIgnoreCase("Digest") || h.getNonce() == null
                || h.getRealm() == null) {
            return null;
        }
        DigestAlgorithm algorithm = DigestAlgorithm.parse(h.getAlgorithm());
        if (algorithm == null) {
            return null;
        }
        String qop = null;
        String offered = h.getQop();
        if (offered != null) {
            for (String option : offered.split(",")) {
                if (option.trim().toLowerCase(Locale.ROOT).equals("auth")) {
                    qop = "auth";
                }
            }
            if (qop == null) {
                return null; // auth-int only: it would need the body's hash, which a proxy does not compute
            }
        }
        String stale = h.getParameter("stale");
        return new Challenge(proxy, h.getRealm(), h.getNonce(), h.getOpaque(), algorithm, qop,
                stale != null && stale.trim().equalsIgnoreCase("true"));
    }
}
