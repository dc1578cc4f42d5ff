package io.sipfront.config;

import io.sipfront.dispatcher.DestinationSet;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a Sipfront YAML config into a validated {@link SipfrontConfig}.
 *
 * <p>The YAML is first read into a tree that keeps every node's line and column, then mapped by
 * hand: that way a semantic mistake (a port out of range, a routing entry naming a missing set)
 * is reported at its line just like a syntax error. The first error stops loading.
 * Host names in destination URIs are resolved here, once.
 */
public final class ConfigLoader {
    static final List<String> TOP_LEVEL_KEYS =
            List.of("sip", "timers", "limits", "proxy", "sources", "routing", "destination_sets",
                    "normalization", "redis", "admin", "ha", "shared_state");

    private ConfigLoader() {
    }

    /** Reads {@code file} as UTF-8. */
    public static SipfrontConfig load(Path file) throws ConfigException {
        return parse(read(file), file.toString(), file);
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

    /**
     * @param sourceName    names the text in error messages, usually the file path
     * @param sourceOrNull  recorded as {@link SipfrontConfig#source()}
     */
    public static SipfrontConfig parse(String yaml, String sourceName, Path sourceOrNull) throws ConfigException {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        YamlNode root = YamlTreeReader.read(yaml, sourceName)
                .orElseThrow(() -> new Mark(sourceName, 1, 1).error(emptyFileReason()));
        if (root instanceof YamlNode.Scalar scalar && scalar.isEmpty()) {
            throw root.mark().error(emptyFileReason());
        }
        if (!(root instanceof YamlNode.Mapping)) {
            throw root.mark().error("the top level must be a mapping of sections ("
                    + String.join(", ", TOP_LEVEL_KEYS) + "), found " + root.describe());
        }
        ConfigMap top = ConfigNode.root(root).asMap(TOP_LEVEL_KEYS);

        SipSettings sip = SipSectionReader.read(top.required("sip"));
        TimerSettings timers = TimerSectionReader.read(top.optional("timers"));
        LimitSettings limits = LimitSectionReader.read(top.optional("limits"));
        ProxySettings proxy = ProxySectionReader.read(top.optional("proxy"));
        SourceSettings sources = SourceSectionReader.read(top.required("sources"));
        Map<String, DestinationSet> sets = DestinationSetReader.read(top.required("destination_sets"), sources);
        RoutingSettings routing = RoutingSectionReader.read(top.required("routing"), sets.keySet(), sources);
        NormalizationSettings normalization = NormalizationSectionReader.read(top.optional("normalization"),
                carrierNames(sources));
        RedisSettings redis = RedisSectionReader.read(top.optional("redis"));
        AdminSettings admin = AdminSectionReader.read(top.optional("admin"), sourceOrNull);
        java.util.Optional<HaSettings> ha = HaSectionReader.read(top.optional("ha"));
        SharedStateSettings sharedState = SharedStateSectionReader.read(top.optional("shared_state"));
        return new SipfrontConfig(sourceOrNull, sip, timers, limits, proxy, sources, routing, sets,
                normalization, redis, admin, ha, sharedState);
    }

    private static java.util.Set<String> carrierNames(SourceSettings sources) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        sources.carriers().forEach(c -> names.add(c.name()));
        return names;
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
                if (entry.key().equals("admin")) {
                    return AdminSectionReader.read(java.util.Optional.of(
                            ConfigNode.root(root.get()).child("admin", entry.keyMark(), entry.value())), file);
                }
            }
        }
        return AdminSettings.defaults(file);
    }

    private static String emptyFileReason() {
        return "the config is empty; it needs at least the sections sip, sources, routing and destination_sets";
    }
}
