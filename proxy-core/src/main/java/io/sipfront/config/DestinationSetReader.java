package io.sipfront.config;

import io.sipfront.dispatcher.Algorithm;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationSet;
import io.sipfront.dispatcher.FailoverMode;
import io.sipfront.dispatcher.HealthSettings;
import io.sipfront.dispatcher.SetPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code destination_sets} section: named, ordered lists of places to send calls to. */
final class DestinationSetReader {
    static final List<String> KEYS =
            List.of("name", "algorithm", "failover_mode", "hash_header", "health", "srtp_requires_tls",
                    "destinations");
    static final String MODES =
            Arrays.stream(FailoverMode.values()).map(FailoverMode::configName).collect(Collectors.joining(", "));
    static final String ALGORITHMS =
            Arrays.stream(Algorithm.values()).map(Algorithm::configName).collect(Collectors.joining(", "));

    private DestinationSetReader() {
    }

    /** By name, in file order. */
    static Map<String, DestinationSet> read(ConfigNode section, SourceSettings sources) throws ConfigException {
        Map<String, DestinationSet> sets = new LinkedHashMap<>();
        Map<String, ConfigNode> nameNodes = new HashMap<>();
        for (ConfigNode node : section.asNonEmptyList("destination set")) {
            ConfigMap set = node.asMap(KEYS);
            ConfigNode nameNode = set.required("name");
            String name = nameNode.parse(Names::check, "a destination set name");
            ConfigNode earlier = nameNodes.putIfAbsent(name, nameNode);
            if (earlier != null) {
                throw nameNode.error("destination set name '" + name + "' is already used at "
                        + earlier.describeLocation());
            }
            Algorithm algorithm = readAlgorithm(set.required("algorithm"));
            FailoverMode mode = SetPolicy.DEFAULTS.failoverMode();
            if (set.has("failover_mode")) {
                ConfigNode modeNode = set.required("failover_mode");
                String text = modeNode.asText("a failover mode (" + MODES + ")");
                mode = FailoverMode.fromConfigName(text);
                if (mode == null) {
                    throw modeNode.error("unknown failover mode '" + text + "'; allowed: " + MODES);
                }
            }
            String hashHeader = null;
            if (set.has("hash_header")) {
                ConfigNode headerNode = set.required("hash_header");
                if (algorithm != Algorithm.HASH) {
                    throw headerNode.error("hash_header applies only to the hash algorithm");
                }
                hashHeader = headerNode.parse(HeaderNames::check, "a header name");
            }
            HealthSettings health = HealthSectionReader.read(set.optional("health"));
            boolean srtpRequiresTls = set.optionalBoolean("srtp_requires_tls", false);
            List<Destination> destinations = readDestinations(set.required("destinations"), sources, srtpRequiresTls);
            if (algorithm == Algorithm.LEAST_LOAD) {
                requireMaxCalls(set.required("destinations"), destinations);
            }
            sets.put(name, new DestinationSet(name, algorithm, destinations, new SetPolicy(mode, hashHeader, health)));
        }
        return sets;
    }

    private static Algorithm readAlgorithm(ConfigNode node) throws ConfigException {
        String text = node.asText("an algorithm (" + ALGORITHMS + ")");
        Algorithm algorithm = Algorithm.fromConfigName(text);
        if (algorithm == null) {
            throw node.error("unknown algorithm '" + text + "'; allowed: " + ALGORITHMS);
        }
        return algorithm;
    }

    /** Least-load ranks by the share of {@code max_calls} in use: without it there is nothing to share. */
    private static void requireMaxCalls(ConfigNode list, List<Destination> destinations) throws ConfigException {
        List<ConfigNode> nodes = list.asList();
        for (int i = 0; i < destinations.size(); i++) {
            if (destinations.get(i).maxCalls() == 0) {
                throw nodes.get(i).error("the least-load algorithm needs max_calls on every destination");
            }
        }
    }

    private static List<Destination> readDestinations(ConfigNode list, SourceSettings sources,
                                                      boolean srtpRequiresTls) throws ConfigException {
        List<Destination> destinations = new ArrayList<>();
        Map<String, ConfigNode> ids = new HashMap<>();
        Map<String, ConfigNode> targets = new HashMap<>();
        for (ConfigNode node : list.asNonEmptyList("destination")) {
            ConfigMap destination = node.asMap(DestinationReader.KEYS);
            ConfigNode idNode = destination.required("id");
            String id = idNode.parse(Names::check, "a destination id");
            ConfigNode earlier = ids.putIfAbsent(id, idNode);
            if (earlier != null) {
                throw idNode.error("destination id '" + id + "' is already used in this set at "
                        + earlier.describeLocation());
            }
            Destination d = DestinationReader.read(destination, id, sources, srtpRequiresTls);
            String target = d.transport().paramName() + ":" + d.address();
            ConfigNode sameTarget = targets.putIfAbsent(target, node);
            if (sameTarget != null) {
                throw node.error("destination '" + id + "' sends to the same address and transport as "
                        + sameTarget.describeLocation() + "; a set lists each destination once");
            }
            destinations.add(d);
        }
        return destinations;
    }
}
