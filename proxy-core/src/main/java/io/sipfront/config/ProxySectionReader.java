package io.sipfront.config;

import java.util.List;
import java.util.Optional;

/** The optional {@code proxy} section; whatever is left out keeps {@link ProxySettings#DEFAULTS}. */
final class ProxySectionReader {
    static final List<String> KEYS = List.of("max_attempts", "spiral_handling");

    private ProxySectionReader() {
    }

    static ProxySettings read(Optional<ConfigNode> section) throws ConfigException {
        if (section.isEmpty()) {
            return ProxySettings.DEFAULTS;
        }
        ConfigMap proxy = section.get().asMap(KEYS);
        ProxySettings d = ProxySettings.DEFAULTS;
        return new ProxySettings(proxy.optionalInt("max_attempts", d.maxAttempts(), 1, 16),
                proxy.optionalBoolean("spiral_handling", d.spiralHandling()));
    }
}
