package io.sipfront.core.proxy;

import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.dispatcher.Destination;

/**
 * One place a request may be forwarded to.
 *
 * @param label       how logs name it: the destination id, or the address for in-dialog hops
 * @param target      where the bytes go
 * @param destination the configured destination (its host replaces the Request-URI host), or null for in-dialog
 *                    requests, whose Request-URI is the remote target and stays as it is
 */
record Hop(String label, OutboundTarget target, Destination destination) {
}
