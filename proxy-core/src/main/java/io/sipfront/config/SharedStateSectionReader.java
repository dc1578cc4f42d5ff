package io.sipfront.config;

import java.util.List;
import java.util.Optional;

/**
 * The optional {@code shared_state} section. Left out, {@link SharedStateSettings#DISABLED}; enabled, it needs a
 * {@code node_id} (two nodes on one host must not share a default like the host name).
 */
final class SharedStateSectionReader {
    static final List<String> KEYS = List.of("enabled", "cluster", "node_id", "stale_after_ms");

    private SharedStateSectionReader() {
    }

    static SharedStateSettings read(Optional<ConfigNode> section) throws ConfigException {
        if (section.isEmpty()) {
            return SharedStateSettings.DISABLED;
        }
        ConfigMap s = section.get().asMap(KEYS);
        SharedStateSettings d = SharedStateSettings.DISABLED;
        boolean enabled = s.optionalBoolean("enabled", true);
        String cluster = s.has("cluster") ? s.required("cluster").parse(SharedStateSectionReader::name, "a cluster name")
                : d.cluster();
        // Required when enabled: a missing node_id is reported at the section's key.
        String nodeId = enabled || s.has("node_id")
                ? s.required("node_id").parse(SharedStateSectionReader::name, "a node id") : null;
        long staleAfter = s.optionalLong("stale_after_ms", d.staleAfterMs(), 1_000, 3_600_000);
        return new SharedStateSettings(enabled, cluster, nodeId, staleAfter);
    }

    private static String name(String text) throws InvalidValueException {
        if (!SharedStateSettings.NAME.matcher(text).matches()) {
            throw new InvalidValueException("'" + text + "' may hold only letters, digits, '.', '_' and '-' "
                    + "(1 to 64 characters)");
        }
        return text;
    }
}
