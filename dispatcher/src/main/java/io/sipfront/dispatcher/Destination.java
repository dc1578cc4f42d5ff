package io.sipfront.dispatcher;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One place a call can be sent to: a carrier trunk or a platform edge.
 *
 * @param id        unique within its set; names the destination in logs and the admin API
 * @param uri       the URI as the operator wrote it, e.g. {@code sip:127.0.0.20:5060;transport=tcp}
 * @param address   where requests go (host resolved when the config was loaded)
 * @param transport {@code udp} or {@code tcp}, lower case
 * @param priority  lower is preferred (used by {@link Algorithm#PRIORITY})
 * @param weight    relative share of calls; unused by the first two algorithms
 */
public record Destination(String id, String uri, InetSocketAddress address, String transport,
                          int priority, int weight) {
    public Destination {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
    }
}
