package io.sipfront.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sections a program reads beside the core's structural ones ({@code sip} … {@code destination_sets}), in the
 * order error messages list their keys and the loader reads them. The core's own {@link AdminSection} is always one
 * of them: list it to choose its place, else it comes last.
 */
public final class ConfigSections {
    /** The core's sections alone: a file with any module's section is refused. */
    public static final ConfigSections CORE = of();

    private final List<ConfigSection<?>> sections;

    private ConfigSections(List<ConfigSection<?>> sections) {
        this.sections = List.copyOf(sections);
    }

    /** @throws IllegalArgumentException when two sections, or a section and the core, claim the same key */
    public static ConfigSections of(ConfigSection<?>... sections) {
        List<ConfigSection<?>> all = new ArrayList<>(List.of(sections));
        if (!all.contains(AdminSection.SECTION)) {
            all.add(AdminSection.SECTION);
        }
        Set<String> keys = new HashSet<>(ConfigLoader.CORE_KEYS);
        for (ConfigSection<?> section : all) {
            if (!keys.add(section.key())) {
                throw new IllegalArgumentException("the top-level key '" + section.key() + "' is claimed twice");
            }
        }
        return new ConfigSections(all);
    }

    /** The registered sections, in order. */
    public List<ConfigSection<?>> list() {
        return sections;
    }

    List<String> keys() {
        return sections.stream().map(ConfigSection::key).toList();
    }
}
