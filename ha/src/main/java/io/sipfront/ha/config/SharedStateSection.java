package io.sipfront.ha.config;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigMap;
import io.sipfront.config.ConfigNode;
import io.sipfront.config.ConfigSection;
import io.sipfront.config.InvalidValueException;
import io.sipfront.config.SectionContext;
import java.util.List;

/**
 * The optional {@code shared_state} section. Left out, {@link SharedStateSettings#DISABLED}; enabled, it needs a
 * {@code node_id} (two nodes on one host must not share a default like the host name).
 */
public final class SharedStateSection {
    public static final String KEY = "shared_state";
    public static final ConfigSection<SharedStateSettings> SECTION =
            ConfigSection.of(KEY, context -> SharedStateSettings.DISABLED, SharedStateSection::read);
    static final List<String> KEYS = List.of("enabled", "cluster", "node_id", "stale_after_ms");

    private SharedStateSection() {
    }

    static SharedStateSettings read(ConfigNode section, SectionContext context) throws ConfigException {
        ConfigMap s = section.asMap(KEYS);
        SharedStateSettings d = SharedStateSettings.DISABLED;
        boolean enabled = s.optionalBoolean("enabled", true);
        String cluster = s.has("cluster") ? s.required("cluster").parse(SharedStateSection::name, "a cluster name")
                : d.cluster();
        // Required when enabled: a missing node_id is reported at the section's key.
        String nodeId = enabled || s.has("node_id")
                ? s.required("node_id").parse(SharedStateSection::name, "a node id") : null;
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
