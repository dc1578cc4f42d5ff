package io.sipfront.config;

import io.sipfront.dispatcher.DestinationSet;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole validated configuration. Immutable; built by {@link ConfigLoader} (or in code by tests).
 *
 * @param source          the file it was read from ({@code null} when built in code, e.g. in tests)
 * @param destinationSets by name, in file order
 * @param sections        the registered sections' values (the admin API, the modules' settings): read them with
 *                        {@link #section}
 */
public record SipfrontConfig(Path source, SipSettings sip, TimerSettings timers, LimitSettings limits,
                             ProxySettings proxy, SourceSettings sources, RoutingSettings routing,
                             Map<String, DestinationSet> destinationSets, SectionValues sections) {
    public SipfrontConfig {
        destinationSets = Collections.unmodifiableMap(new LinkedHashMap<>(destinationSets));
        Objects.requireNonNull(sections, "sections");
    }

    /** Without any section's value: each reads as if the file left its key out. */
    public SipfrontConfig(Path source, SipSettings sip, TimerSettings timers, LimitSettings limits,
                          ProxySettings proxy, SourceSettings sources, RoutingSettings routing,
                          Map<String, DestinationSet> destinationSets) {
        this(source, sip, timers, limits, proxy, sources, routing, destinationSets, SectionValues.NONE);
    }

    /** The section's value; {@link ConfigSection#absent} when the file had no such key or the loader did not know it. */
    public <T> T section(ConfigSection<T> section) {
        return sections.get(section).orElseGet(() -> section.absent(new SectionContext(source, sources, routing, sip)));
    }

    /** A copy with {@code section} set to {@code value}, for configs built in code. */
    public <T> SipfrontConfig withSection(ConfigSection<T> section, T value) {
        return new SipfrontConfig(source, sip, timers, limits, proxy, sources, routing, destinationSets,
                sections.with(section, value));
    }

    /** The admin HTTP API. */
    public AdminSettings admin() {
        return section(AdminSection.SECTION);
    }
}
