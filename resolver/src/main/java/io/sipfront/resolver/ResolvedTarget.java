package io.sipfront.resolver;

import java.net.InetAddress;
import java.util.List;

/**
 * One server a SIP URI resolved to: an SRV target (or the URI's host itself when there was no SRV) with its
 * SRV priority and weight, port, transport and addresses. The caller makes each one a destination of its own.
 *
 * @param host           the SRV target (or the URI host), without the trailing dot
 * @param priority       SRV priority, lower first; 0 without SRV
 * @param weight         SRV weight among targets of the same priority; 0 without SRV
 * @param addresses      IPv4 first, then IPv6; empty when the name has none or they are unknown
 * @param addressesKnown false when the address look-ups failed (DNS unavailable, nothing cached): the
 *                       target exists but cannot be reached now, which says nothing about its health
 */
public record ResolvedTarget(String host, int port, Transport transport, int priority, int weight,
                             List<InetAddress> addresses, boolean addressesKnown) {
    public ResolvedTarget {
        addresses = List.copyOf(addresses);
    }

    @Override
    public String toString() {
        return host + ":" + port + "/" + transport + " prio " + priority + " weight " + weight + " "
                + (addressesKnown ? addresses.stream().map(InetAddress::getHostAddress).toList() : "addresses unknown");
    }
}
