package io.sipfront.core.proxy;

import io.sipfront.core.transport.OutboundTarget;
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
    static Hop inDialog(String label, OutboundTarget target) {
        return new Hop(label, target, null, null, null);
    }
}
