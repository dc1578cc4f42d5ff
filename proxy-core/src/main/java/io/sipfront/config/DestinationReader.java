package io.sipfront.config;

import io.sipfront.dispatcher.Destination;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/** One entry of a set's {@code destinations}, with its host resolved. */
final class DestinationReader {
    static final List<String> KEYS = List.of("id", "uri", "priority", "weight");
    static final int PRIORITY_LIMIT = 1_000_000;
    static final int MAX_WEIGHT = 1_000_000;

    private DestinationReader() {
    }

    /** The id is checked by the caller, which knows the other ids of the set. */
    static Destination read(ConfigMap destination, String id) throws ConfigException {
        ConfigNode uriNode = destination.required("uri");
        String uriText = uriNode.asText("a SIP URI (" + DestinationUri.FORM + ")");
        DestinationUri uri = uriNode.parse(DestinationUri::parse, "a SIP URI (" + DestinationUri.FORM + ")");
        InetAddress address = uri.literal() != null ? uri.literal() : resolve(uriNode, uri.host());
        int priority = destination.optionalInt("priority", 0, -PRIORITY_LIMIT, PRIORITY_LIMIT);
        int weight = destination.optionalInt("weight", 1, 1, MAX_WEIGHT);
        return new Destination(id, uriText, new InetSocketAddress(address, uri.port()),
                uri.transport().paramName(), priority, weight);
    }

    /** Once, at load: a destination that cannot be reached should stop start-up, not the first call. */
    private static InetAddress resolve(ConfigNode uriNode, String host) throws ConfigException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw uriNode.error("host '" + host + "' does not resolve (names are looked up once, when the"
                    + " config is loaded)");
        }
    }
}
