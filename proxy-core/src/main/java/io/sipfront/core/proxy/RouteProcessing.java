package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.sip.LocalIdentity;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;

/** Route header processing of RFC 3261 §16.4 (our own entries) and §16.6 steps 6–7 (the next hop). */
final class RouteProcessing {
    private RouteProcessing() {
    }

    /**
     * Strict-router compatibility and loose-route popping: when the Request-URI is an address we put in a
     * Record-Route (a strict router upstream replaced it), the last Route becomes the Request-URI again; then
     * every leading Route entry that is ours is removed (two of them after a double Record-Route).
     *
     * @return whether the request reached us by a Route/Record-Route entry of ours
     */
    static boolean popOwnRoutes(SIPRequest request, LocalIdentity identity) {
        boolean ours = false;
        RouteList routes = request.getRouteHeaders();
        if (routes != null && !routes.isEmpty() && request.getRequestURI() instanceof SipUri ruri
                && ruri.getUser() == null && identity.isLocal(ruri)) {
            Route last = (Route) routes.getLast();
            request.setRequestURI(last.getAddress().getURI());
            routes.removeLast();
            ours = true;
        }
        while (routes != null && !routes.isEmpty()) {
            URI uri = ((Route) routes.getFirst()).getAddress().getURI();
            if (uri instanceof SipUri sip && identity.isLocal(sip)) {
                routes.removeFirst();
                ours = true;
            } else {
                break;
            }
        }
        if (routes != null && routes.isEmpty()) {
            request.removeHeader(RouteHeader.NAME);
        }
        return ours;
    }

    /**
     * The URI the request goes to next: the first Route if any, else the Request-URI. A first Route without
     * {@code lr} is a strict router: the Request-URI moves to the end of the Route set and the Route becomes the
     * Request-URI (RFC 3261 §16.6 step 7). Null when that URI is not a SIP URI.
     */
    static SipUri nextHopUri(SIPRequest request) {
        RouteList routes = request.getRouteHeaders();
        if (routes == null || routes.isEmpty()) {
            return request.getRequestURI() instanceof SipUri sip ? sip : null;
        }
        Route first = (Route) routes.getFirst();
        if (!(first.getAddress().getURI() instanceof SipUri next)) {
            return null;
        }
        if (!next.hasLrParam()) {
            Route oldTarget = new Route();
            gov.nist.javax.sip.address.AddressImpl a = new gov.nist.javax.sip.address.AddressImpl();
            a.setURI(request.getRequestURI());
            oldTarget.setAddress(a);
            routes.add(oldTarget);
            routes.removeFirst();
            request.setRequestURI(next);
        }
        return next;
    }
}
