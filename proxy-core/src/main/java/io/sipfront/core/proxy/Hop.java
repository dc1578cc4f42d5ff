package io.sipfront.core.proxy;

import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.net.Transport;
import io.sipfront.dispatcher.Candidate;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationHealth;

/**
 * One place a request may be forwarded to.
 *
 * @param label       how logs name it: the destination id, or the address for in-dialog hops
 * @param target      where the bytes go
 * @param destination the configured destination (its host replaces the Request-URI host), or null for in-dialog
 *                    requests, whose Request-URI is the remote target and stays as it is
 * @param candidate   why the routing put it here (set, reason), or null for in-dialog requests
 * @param health      its shared health, or null for in-dialog requests
 */
record Hop(String label, OutboundTarget target, Destination destination, Candidate candidate,
           DestinationHealth health) {

    /** A destination the routing chose for a new request. */
    static Hop routed(Candidate candidate, DestinationHealth health) {
        Destination d = candidate.destination();
        return new Hop(d.id(), targetOf(d), d, candidate, health);
    }

    /** A configured destination outside a routing decision (requests following an INVITE of the HA peer). */
    static Hop to(Destination d) {
        return new Hop(d.id(), targetOf(d), d, null, null);
    }

    /** The next hop of an in-dialog request, from its Route set or remote target. */
    static Hop inDialog(OutboundTarget target) {
        return new Hop(target.address().getAddress().getHostAddress() + ":" + target.address().getPort(), target,
                null, null, null);
    }

    Transport transport() {
        return target.transport();
    }

    /** TLS peers must prove the destination URI's host (RFC 5922), not the address it resolved to. */
    private static OutboundTarget targetOf(Destination d) {
        return OutboundTarget.of(d.transport(), d.address(), d.domain());
    }
}
