package io.sipfront.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipfront.core.testing.MinimalConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the loader knows the modules' sections: their keys, their order, their values and their errors. */
class ConfigSectionsTest {
    /** Lines 1..21; a section under test starts at line 22. */
    static final String BASE = MinimalConfig.SIP + MinimalConfig.REST;

    /** A module's section as a module writes one: a list of words, at least one. */
    static ConfigSection<List<String>> words(String key) {
        return ConfigSection.of(key, context -> List.of("absent from " + context.source()), (node, context) -> {
            List<String> words = new ArrayList<>();
            for (ConfigNode item : node.asNonEmptyList("word")) {
                words.add(item.parse(Names::check, "a word"));
            }
            return List.copyOf(words);
        });
    }

    static final ConfigSection<List<String>> COLOURS = words("colours");
    static final ConfigSection<List<String>> SHAPES = words("shapes");

    @Test
    void aRegisteredSectionIsReadIntoTheConfig() throws Exception {
        SipfrontConfig c = ConfigLoader.parse(BASE + "colours: [red, blue]\n", "t.yaml", Path.of("/srv/t.yaml"),
                ConfigSections.of(COLOURS, SHAPES));
        assertEquals(List.of("red", "blue"), c.section(COLOURS));
        assertEquals(List.of("absent from /srv/t.yaml"), c.section(SHAPES));
        assertEquals(AdminSettings.defaults(Path.of("/srv/t.yaml")), c.admin());
    }

    @Test
    void aConfigBuiltWithoutTheSectionHoldsItsAbsentValue() throws Exception {
        SipfrontConfig c = ConfigLoader.parse(BASE, "t.yaml", null);
        assertEquals(List.of("absent from null"), c.section(COLOURS));
        assertEquals(List.of("green"), c.withSection(COLOURS, List.of("green")).section(COLOURS));
    }

    @Test
    void theCoreAloneRefusesAModulesSection() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(BASE + "colours: [red]\n", "t.yaml", null));
        assertEquals("t.yaml:22:1: unknown top-level key 'colours'; allowed keys: sip, timers, limits, proxy, "
                + "sources, routing, destination_sets, admin", e.getMessage());
    }

    @Test
    void registeredKeysFollowTheCoresInTheirOrderAndAdminWhereItIsPlaced() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(BASE + "shape: [x]\n",
                "t.yaml", null, ConfigSections.of(COLOURS, AdminSection.SECTION, SHAPES)));
        assertEquals("t.yaml:22:1: unknown top-level key 'shape'; allowed keys: sip, timers, limits, proxy, "
                + "sources, routing, destination_sets, colours, admin, shapes (did you mean 'shapes'?)",
                e.getMessage());
        ConfigException list = assertThrows(ConfigException.class, () -> ConfigLoader.parse("- sip\n", "t.yaml",
                null, ConfigSections.of(COLOURS)));
        assertEquals("t.yaml:1:1: the top level must be a mapping of sections (sip, timers, limits, proxy, sources, "
                + "routing, destination_sets, colours, admin), found a list", list.getMessage());
    }

    @Test
    void sectionsAreReadAfterTheCoreInTheirOrderAndTheFirstErrorWins() {
        String yaml = "shapes: [Square]\n" + BASE + "colours: []\nadmin: { listen: nope }\n";
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(yaml, "t.yaml", null, ConfigSections.of(COLOURS, AdminSection.SECTION, SHAPES)));
        assertEquals("t.yaml:23:10: colours: the list is empty; at least one word is required", e.getMessage());
        ConfigException shapes = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(yaml, "t.yaml", null, ConfigSections.of(SHAPES, COLOURS)));
        assertEquals("t.yaml:1:10: shapes[0]: 'Square' is not a valid name: use 1 to 63 characters a-z, 0-9, '_' "
                + "or '-', starting with a letter or digit", shapes.getMessage());
        ConfigException broken = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                MinimalConfig.SIP + "colours: [red]\n", "t.yaml", null, ConfigSections.of(COLOURS)));
        assertEquals("t.yaml:1:1: missing required top-level key 'sources'", broken.getMessage());
    }

    @Test
    void aKeyHasOneOwner() {
        assertThrows(IllegalArgumentException.class, () -> ConfigSections.of(COLOURS, words("colours")));
        assertThrows(IllegalArgumentException.class, () -> ConfigSections.of(words("routing")));
        assertThrows(IllegalArgumentException.class, () -> ConfigSections.of(words("admin")));
    }
}
