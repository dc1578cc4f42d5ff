package io.sipfront.config;

import io.sipfront.dispatcher.DestinationSet;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a Sipfront YAML config into a validated {@link SipfrontConfig}.
 *
 * <p>The YAML is first read into a tree that keeps every node's line and column, then mapped by
 * hand: that way a semantic mistake (a port out of range, a routing entry naming a missing set)
 * is reported at its line just like a syntax error. The first error stops loading.
 * Host names in destination URIs are resolved here, once. The modules' sections ({@code normalization},
 * {@code ha}, ...) are read by the {@link ConfigSection}s the caller registers; a key no section owns is refused.
 */
public final class ConfigLoader {
    /** The core's structural sections; the registered ones ({@link ConfigSections}) follow them. */
    static final List<String> CORE_KEYS =
            List.of("sip", "timers", "limits", "proxy", "sources", "routing", "destination_sets");

    private ConfigLoader() {
    }

    /** Reads {@code file} as UTF-8, with the core's sections only. */
    public static SipfrontConfig load(Path file) throws ConfigException {
        return load(file, ConfigSections.CORE);
    }

    /** Reads {@code file} as UTF-8; {@code sections} are the modules' sections the file may hold. */
    public static SipfrontConfig load(Path file, ConfigSections sections) throws ConfigException {
        return parse(read(file), file.toString(), file, sections);
    }

    private static String read(Path file) throws ConfigException {
        String name = file.toString();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, 0, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(name, 0, 0, "the file is not valid UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException(name, 0, 0, "cannot read the file: " + e, e);
        }
    }

    /** The text, with the core's sections only. */
    public static SipfrontConfig parse(String yaml, String sourceName, Path sourceOrNull) throws ConfigException {
        return parse(yaml, sourceName, sourceOrNull, ConfigSections.CORE);
    }

    /**
     * @param sourceName    names the text in error messages, usually the file path
     * @param sourceOrNull  recorded as {@link SipfrontConfig#source()}
     * @param sections      the modules' sections the text may hold
     */
    public static SipfrontConfig parse(String yaml, String sourceName, Path sourceOrNull, ConfigSections sections)
            throws ConfigException {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        List<String> topLevelKeys = new ArrayList<>(CORE_KEYS);
        topLevelKeys.addAll(sections.keys());
        YamlNode root = YamlTreeReader.read(yaml, sourceName)
                .orElseThrow(() -> new Mark(sourceName, 1, 1).error(emptyFileReason()));
        if (root instanceof YamlNode.Scalar scalar && scalar.isEmpty()) {
            throw root.mark().error(emptyFileReason());
        }
        if (!(root instanceof YamlNode.Mapping)) {
            throw root.mark().error("the top level must be a mapping of sections ("
                    + String.join(", ", topLevelKeys) + "), found " + root.describe());
        }
        ConfigMap top = ConfigNode.root(root).asMap(topLevelKeys);

        SipSettings sip = SipSectionReader.read(top.required("sip"));
        TimerSettings timers = TimerSectionReader.read(top.optional("timers"));
        LimitSettings limits = LimitSectionReader.read(top.optional("limits"));
        ProxySettings proxy = ProxySectionReader.read(top.optional("proxy"));
        SourceSettings sources = SourceSectionReader.read(top.required("sources"));
        Map<String, DestinationSet> sets = DestinationSetReader.read(top.required("destination_sets"), sources);
        TlsRequirement.check(top);
        RoutingSettings routing = RoutingSectionReader.read(top.required("routing"), sets.keySet(), sources);
        SectionContext context = new SectionContext(sourceOrNull, sources, routing, sip);
        SectionValues values = SectionValues.NONE;
        for (ConfigSection<?> section : sections.list()) {
            values = read(section, top, context, values);
        }
        return new SipfrontConfig(sourceOrNull, sip, timers, limits, proxy, sources, routing, sets, values);
    }

    private static <T> SectionValues read(ConfigSection<T> section, ConfigMap top, SectionContext context,
                                          SectionValues values) throws ConfigException {
        Optional<ConfigNode> node = top.optional(section.key());
        T value = node.isPresent() ? section.read(node.get(), context) : section.absent(context);
        return values.with(section, value);
    }

    /**
     * Only the {@code admin} section of {@code file}, for {@code sipfront ctl}: it must find the API even while the
     * rest of the file is being edited (a broken routing section is exactly when an operator runs {@code ctl}).
     */
    public static AdminSettings loadAdmin(Path file) throws ConfigException {
        String name = file.toString();
        var root = YamlTreeReader.read(read(file), name);
        if (root.isPresent() && root.get() instanceof YamlNode.Mapping mapping) {
            for (YamlNode.Entry entry : mapping.entries()) {
                if (entry.key().equals(AdminSection.KEY)) {
                    return AdminSection.read(ConfigNode.root(root.get()).child(AdminSection.KEY, entry.keyMark(),
                            entry.value()), file);
                }
            }
        }
        return AdminSettings.defaults(file);
    }

    private static String emptyFileReason() {
        return "the config is empty; it needs at least the sections sip, sources, routing and destination_sets";
    }
}
