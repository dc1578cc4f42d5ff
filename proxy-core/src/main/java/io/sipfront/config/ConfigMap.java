package io.sipfront.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A mapping node whose keys have been checked against the allowed ones. */
public final class ConfigMap {
    private final ConfigNode self;
    private final Map<String, ConfigNode> children = new LinkedHashMap<>();

    ConfigMap(ConfigNode self, YamlNode.Mapping mapping, List<String> allowedKeys) throws ConfigException {
        this.self = self;
        for (YamlNode.Entry entry : mapping.entries()) {
            if (!allowedKeys.contains(entry.key())) {
                throw entry.keyMark().error(unknownKey(entry.key(), allowedKeys));
            }
            children.put(entry.key(), self.child(entry.key(), entry.keyMark(), entry.value()));
        }
    }

    public Optional<ConfigNode> optional(String key) {
        return Optional.ofNullable(children.get(key));
    }

    public boolean has(String key) {
        return children.containsKey(key);
    }

    /** Missing keys are reported at the key that introduced this mapping, where the operator looks. */
    public ConfigNode required(String key) throws ConfigException {
        ConfigNode child = children.get(key);
        if (child == null) {
            String reason = self.path().isEmpty()
                    ? "missing required top-level key '" + key + "'"
                    : self.path() + ": missing required key '" + key + "'";
            throw self.introducedAt().error(reason);
        }
        return child;
    }

    public int optionalInt(String key, int defaultValue, int min, int max) throws ConfigException {
        ConfigNode child = children.get(key);
        return child == null ? defaultValue : child.asInt(min, max);
    }

    public long optionalLong(String key, long defaultValue, long min, long max) throws ConfigException {
        ConfigNode child = children.get(key);
        return child == null ? defaultValue : child.asLong(min, max);
    }

    public boolean optionalBoolean(String key, boolean defaultValue) throws ConfigException {
        ConfigNode child = children.get(key);
        return child == null ? defaultValue : child.asBoolean();
    }

    /**
     * Where to report a conflict between keys: the first of them that is written here, else this
     * mapping (when every one of them is a default).
     */
    public ConfigNode blame(String... keys) {
        for (String key : keys) {
            ConfigNode child = children.get(key);
            if (child != null) {
                return child;
            }
        }
        return self;
    }

    private String unknownKey(String key, List<String> allowedKeys) {
        String where = self.path().isEmpty() ? "unknown top-level key '" + key + "'"
                : self.path() + ": unknown key '" + key + "'";
        String suggestion = KeySuggestion.closest(key, allowedKeys)
                .map(s -> " (did you mean '" + s + "'?)").orElse("");
        return where + "; allowed keys: " + String.join(", ", allowedKeys) + suggestion;
    }
}
