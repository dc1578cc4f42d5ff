package io.sipfront.config;

import io.sipfront.dispatcher.DestinationSet;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole validated configuration. Immutable; built only by {@link ConfigLoader}.
 *
 * @param source          the file it was read from ({@code null} when built in code, e.g. in tests)
 * @param destinationSets by name, in file order
 * @param admin           the admin HTTP API
 * @param ha              the two-node HA settings; empty for a single node
 * @param sharedState     destination health and operator actions shared with the peer node through Redis
 */
public record SipfrontConfig(Path source, SipSettings sip, TimerSettings timers, LimitSettings limits,
                             ProxySettings proxy, SourceSettings sources, RoutingSettings routing,
                             Map<String, DestinationSet> destinationSets,
                             NormalizationSettings normalization, RedisSettings redis, AdminSettings admin,
                             java.util.Optional<HaSettings> ha, SharedStateSettings sharedState) {
    public SipfrontConfig {
        destinationSets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(destinationSets));
        java.util.Objects.requireNonNull(ha, "ha");
        java.util.Objects.requireNonNull(sharedState, "sharedState");
    }

    /** A single node, no HA. */
    public SipfrontConfig(Path source, SipSettings sip, TimerSettings timers, LimitSettings limits,
                          ProxySettings proxy, SourceSettings sources, RoutingSettings routing,
                          Map<String, DestinationSet> destinationSets, NormalizationSettings normalization,
                          RedisSettings redis, AdminSettings admin, SharedStateSettings sharedState) {
        this(source, sip, timers, limits, proxy, sources, routing, destinationSets, normalization, redis, admin,
                java.util.Optional.empty(), sharedState);
    }
}
