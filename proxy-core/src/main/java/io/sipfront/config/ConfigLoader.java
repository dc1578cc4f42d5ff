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
            List.of("sip", "timers", "limits", "proxy", "sources", "routing", "destination_sets", "ha");

    private ConfigLoader() {
    }

    /** Reads {@code file} as UTF-8. */
    public static SipfrontConfig load(Path file) throws ConfigException {
        String name = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, 0, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(name, 0, 0, "the file is not valid UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException(name, 0, 0, "cannot read the file: " + e, e);
        }
        return parse(yaml, name, file);
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
        Map<String, DestinationSet> sets = DestinationSetReader.read(top.required("destination_sets"));
        RoutingSettings routing = RoutingSectionReader.read(top.required("routing"), sets.keySet());
        java.util.Optional<HaSettings> ha = HaSectionReader.read(top.optional("ha"));
        return new SipfrontConfig(sourceOrNull, sip, timers, limits, proxy, sources, routing, sets, ha);
    }

    private static String emptyFileReason() {
        return "the config is empty; it needs at least the sections sip, sources, routing and destination_sets";
    }
}
