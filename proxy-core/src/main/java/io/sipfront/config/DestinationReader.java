package io.sipfront.config;

import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/** One entry of a set's {@code destinations}, with its host resolved. */
final class DestinationReader {
    static final List<String> KEYS = List.of("id", "uri", "priority", "weight", "max_calls", "max_cps",
            "carrier", "request_uri_host", "tgrp", "trunk_context", "header");
    static final int MAX_CALLS = 10_000_000;
    static final int MAX_CPS = 1_000_000;
    static final int PRIORITY_LIMIT = 1_000_000;
    static final int MAX_WEIGHT = 1_000_000;

    private DestinationReader() {
    }

    /** The id is checked by the caller, which knows the other ids of the set. */
    static Destination read(ConfigMap destination, String id, SourceSettings sources, boolean srtpRequiresTls)
            throws ConfigException {
        ConfigNode uriNode = destination.required("uri");
        String uriText = uriNode.asText("a SIP URI (" + DestinationUri.FORM + ")");
        DestinationUri uri = uriNode.parse(DestinationUri::parse, "a SIP URI (" + DestinationUri.FORM + ")");
        int priority = destination.optionalInt("priority", 0, -PRIORITY_LIMIT, PRIORITY_LIMIT);
        int weight = destination.optionalInt("weight", 1, 1, MAX_WEIGHT);
        int maxCalls = destination.optionalInt("max_calls", 0, 0, MAX_CALLS);
        int maxCps = destination.optionalInt("max_cps", 0, 0, MAX_CPS);
        // A host name is not looked up here: the daemon resolves it per RFC 3263 in the background and makes each
        // target a destination of its own; DNS being down must never refuse a config.
        InetSocketAddress socket = uri.literal() != null ? new InetSocketAddress(uri.literal(), uri.port())
                : InetSocketAddress.createUnresolved(uri.host(), uri.port());
        Optional<String> carrier = destination.has("carrier")
                ? Optional.of(namedCarrier(destination.required("carrier"), sources))
                : socket.isUnresolved() ? Optional.empty() : carrierByAddress(socket, sources);
        DestinationOptions options = TrunkIdentification.read(destination, uri, srtpRequiresTls);
        return new Destination(id, uriText, socket, uri.transport(), priority, weight, maxCalls, maxCps,
                carrier, options);
    }

    private static String namedCarrier(ConfigNode node, SourceSettings sources) throws ConfigException {
        String name = node.parse(Names::check, "a carrier name");
        for (CarrierSettings c : sources.carriers()) {
            if (c.name().equals(name)) {
                return name;
            }
        }
        throw node.error("carrier '" + name + "' is not defined in sources.carriers");
    }

    /** The default: the carrier whose source addresses contain the destination (most specific entry wins). */
    static Optional<String> carrierByAddress(InetSocketAddress target, SourceSettings sources) {
        String best = null;
        int bestScore = -1;
        for (CarrierSettings c : sources.carriers()) {
            for (AddressMatch m : c.addresses()) {
                if (m.matches(target)) {
                    int score = m.prefixLength() * 2 + (m.port() != 0 ? 1 : 0);
                    if (score > bestScore) {
                        best = c.name();
                        bestScore = score;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Once, at load: a destination that cannot be reached should stop start-up, not the first call. */
    static InetAddress resolve(ConfigNode uriNode, String host) throws ConfigException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw uriNode.error("host '" + host + "' does not resolve (names are looked up once, when the"
                    + " config is loaded)");
        }
    }
}
