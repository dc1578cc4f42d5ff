package io.sipfront.config;

import io.sipfront.dispatcher.Algorithm;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code destination_sets} section: named, ordered lists of places to send calls to. */
final class DestinationSetReader {
    static final List<String> KEYS = List.of("name", "algorithm", "destinations");
    static final String ALGORITHMS =
            Arrays.stream(Algorithm.values()).map(Algorithm::configName).collect(Collectors.joining(", "));

    private DestinationSetReader() {
    }

    /** By name, in file order. */
    static Map<String, DestinationSet> read(ConfigNode section) throws ConfigException {
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
            sets.put(name, new DestinationSet(name, algorithm, readDestinations(set.required("destinations"))));
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

    private static List<Destination> readDestinations(ConfigNode list) throws ConfigException {
        List<Destination> destinations = new ArrayList<>();
        Map<String, ConfigNode> ids = new HashMap<>();
        for (ConfigNode node : list.asNonEmptyList("destination")) {
            ConfigMap destination = node.asMap(DestinationReader.KEYS);
            ConfigNode idNode = destination.required("id");
            String id = idNode.parse(Names::check, "a destination id");
            ConfigNode earlier = ids.putIfAbsent(id, idNode);
            if (earlier != null) {
                throw idNode.error("destination id '" + id + "' is already used in this set at "
                        + earlier.describeLocation());
            }
            destinations.add(DestinationReader.read(destination, id));
        }
        return destinations;
    }
}
