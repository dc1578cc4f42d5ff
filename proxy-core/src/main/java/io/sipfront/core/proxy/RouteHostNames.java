package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import io.sipfront.core.transport.OutboundTarget;
import java.util.Optional;

/**
 * Host names in the Route headers and remote targets of in-dialog requests, answered from the DNS cache that also
 * serves destinations. Called on a lane, so it never waits: what is not known yet answers empty (the request then
 * gets the 404 it got before names were supported) while a look-up starts in the background for the next one.
 */
@FunctionalInterface
public interface RouteHostNames {
    /** Resolves nothing: only IP literals are routable. */
    RouteHostNames NONE = uri -> Optional.empty();

    /**
     * Where a request to {@code uri} (whose host is a name) goes, from the cache alone, fresh or stale; the TLS name
     * of the target is the URI's host (RFC 5922). Empty when the name is not known yet.
     */
    Optional<OutboundTarget> cached(SipUri uri);
}
