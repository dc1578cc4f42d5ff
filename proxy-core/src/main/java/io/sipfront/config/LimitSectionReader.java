package io.sipfront.config;

import java.util.List;
import java.util.Optional;

/** The optional {@code limits} section; whatever is left out keeps {@link LimitSettings#DEFAULTS}. */
final class LimitSectionReader {
    static final List<String> KEYS =
            List.of("max_message_bytes", "max_headers", "max_connections_per_source", "tcp_idle_timeout_s");

    private LimitSectionReader() {
    }

    static LimitSettings read(Optional<ConfigNode> section) throws ConfigException {
        if (section.isEmpty()) {
            return LimitSettings.DEFAULTS;
        }
        ConfigMap limits = section.get().asMap(KEYS);
        LimitSettings d = LimitSettings.DEFAULTS;
        int maxMessageBytes = limits.optionalInt("max_message_bytes", d.maxMessageBytes(), 1024, 1_048_576);
        int maxHeaders = limits.optionalInt("max_headers", d.maxHeaders(), 16, 10_000);
        int maxConnections = limits.optionalInt("max_connections_per_source", d.maxConnectionsPerSource(),
                1, 100_000);
        long idleTimeoutS = limits.optionalLong("tcp_idle_timeout_s", d.tcpIdleTimeoutMs() / 1000, 1, 86_400);
        return new LimitSettings(maxMessageBytes, maxHeaders, maxConnections, idleTimeoutS * 1000);
    }
}
