package io.sipfront.config;

import java.util.List;
import java.util.Set;

/** The {@code routing} section: which destination set serves each direction. */
final class RoutingSectionReader {
    static final List<String> KEYS = List.of("inbound", "outbound");

    private RoutingSectionReader() {
    }

    static RoutingSettings read(ConfigNode section, Set<String> setNames) throws ConfigException {
        ConfigMap routing = section.asMap(KEYS);
        return new RoutingSettings(existingSet(routing.required("inbound"), setNames),
                existingSet(routing.required("outbound"), setNames));
    }

    private static String existingSet(ConfigNode node, Set<String> setNames) throws ConfigException {
        String name = node.asText("the name of a destination set");
        if (!setNames.contains(name)) {
            throw node.error("destination set '" + name + "' does not exist; defined sets: "
                    + String.join(", ", setNames));
        }
        return name;
    }
}
