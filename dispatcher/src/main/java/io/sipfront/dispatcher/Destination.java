package io.sipfront.dispatcher;

import io.sipfront.net.Transport;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One place a call can be sent to: a carrier trunk or a platform edge.
 *
 * @param id        unique within its set; names the destination in logs and the admin API
 * @param uri       the URI as the operator wrote it, e.g. {@code sip:127.0.0.20:5060;transport=tcp}
 * @param address   where requests go (host resolved when the config was loaded)
 * @param transport how requests go there (the URI's {@code transport} parameter, UDP by default)
 * @param priority  lower is preferred (priority and srv algorithms)
 * @param weight    relative share of calls (weighted and srv algorithms)
 * @param maxCalls  most calls in progress at once; 0 means no limit (also the base of least-load)
 * @param maxCps    most new calls per second; 0 means no limit
 * @param carrier   the carrier this destination belongs to, if any (number normalization needs it)
 * @param options   Request-URI host, TLS name, trunk identification, SDP rules
 */
public record Destination(String id, String uri, InetSocketAddress address, Transport transport,
                          int priority, int weight, int maxCalls, int maxCps, Optional<String> carrier,
                          DestinationOptions options) {
    public Destination {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(options, "options");
        if (maxCalls < 0 || maxCps < 0) {
            throw new IllegalArgumentException("limits must be >= 0");
        }
    }

    /** With the default options. */
    public Destination(String id, String uri, InetSocketAddress address, Transport transport, int priority, int weight,
                       int maxCalls, int maxCps, Optional<String> carrier) {
        this(id, uri, address, transport, priority, weight, maxCalls, maxCps, carrier, DestinationOptions.NONE);
    }

    /** Without limits and carrier. */
    public Destination(String id, String uri, InetSocketAddress address, Transport transport, int priority, int weight) {
        this(id, uri, address, transport, priority, weight, 0, 0, Optional.empty());
    }

    /** The host requests name (Request-URI) and TLS verifies: the URI's host, else the address. */
    public String domain() {
        return options.domain() != null ? options.domain()
                : address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
    }

    /** Same address, transport and URI: health learnt about one applies to the other. */
    public boolean sameTarget(Destination other) {
        return address.equals(other.address) && transport == other.transport && uri.equals(other.uri);
    }
}
