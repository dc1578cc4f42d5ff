package io.sipfront.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One node of the config tree together with its key path ({@code destination_sets[1].name}).
 * Every typed read fails with a {@link ConfigException} that carries the node's position and
 * starts with its path.
 */
public final class ConfigNode {
    /** Jackson also reads 0x1F, 0b11, 017 (octal!) and 1_000 as integers; only plain decimal is unambiguous. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern LEADING_ZERO = Pattern.compile("[-+]?0[0-9]+");

    private final YamlNode node;
    private final String path;
    private final Mark introducedAt;

    /**
     * @param introducedAt where to point when something is missing from this node: the key
     *                     that introduced it, or the node itself for list items and the root
     */
    private ConfigNode(YamlNode node, String path, Mark introducedAt) {
        this.node = node;
        this.path = path;
        this.introducedAt = introducedAt;
    }

    static ConfigNode root(YamlNode node) {
        return new ConfigNode(node, "", node.mark());
    }

    ConfigNode child(String key, Mark keyMark, YamlNode value) {
        return new ConfigNode(value, path.isEmpty() ? key : path + "." + key, keyMark);
    }

    public String path() {
        return path;
    }

    Mark introducedAt() {
        return introducedAt;
    }

    /** An error at this node, prefixed with its path. */
    public ConfigException error(String reason) {
        return node.mark().error(prefixed(reason));
    }

    private String prefixed(String reason) {
        return path.isEmpty() ? reason : path + ": " + reason;
    }

    /** "destination_sets[0] (line 12)", to point at an earlier definition in a message. */
    public String describeLocation() {
        return path + " (line " + node.mark().line() + ")";
    }

    /** A key written with no value ({@code normalization:}). */
    public boolean isEmptyScalar() {
        return node instanceof YamlNode.Scalar scalar && scalar.isEmpty();
    }

    public ConfigMap asMap(List<String> allowedKeys) throws ConfigException {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            throw error("expected a mapping, found " + node.describe());
        }
        return new ConfigMap(this, mapping, allowedKeys);
    }

    public List<ConfigNode> asList() throws ConfigException {
        if (!(node instanceof YamlNode.Sequence sequence)) {
            throw error("expected a list, found " + node.describe());
        }
        List<ConfigNode> items = new ArrayList<>(sequence.items().size());
        for (YamlNode item : sequence.items()) {
            items.add(new ConfigNode(item, path + "[" + items.size() + "]", item.mark()));
        }
        return items;
    }

    /** @param itemNoun what one entry is, for the message when the list is empty */
    public List<ConfigNode> asNonEmptyList(String itemNoun) throws ConfigException {
        List<ConfigNode> items = asList();
        if (items.isEmpty()) {
            throw error("the list is empty; at least one " + itemNoun + " is required");
        }
        return items;
    }

    /**
     * The scalar as written. Unquoted {@code 2024} or {@code yes} come back as the text the
     * operator typed, so names and addresses never fall foul of YAML's type guessing.
     *
     * @param what what was expected, for the message, e.g. "a listen address"
     */
    public String asText(String what) throws ConfigException {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.isEmpty()) {
            throw error("expected " + what + ", found " + node.describe());
        }
        return scalar.text();
    }

    public <T> T parse(TextParser<T> parser, String what) throws ConfigException {
        String text = asText(what);
        try {
            return parser.parse(text);
        } catch (InvalidValueException e) {
            throw error(e.getMessage());
        }
    }

    public long asLong(long min, long max) throws ConfigException {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.kind() != YamlNode.ScalarKind.INTEGER) {
            throw error("expected an integer in " + min + ".." + max + ", found " + node.describe()
                    + quotedNumberHint());
        }
        String text = scalar.text();
        if (LEADING_ZERO.matcher(text).matches()) {
            throw error(text + " has a leading zero, which YAML reads as octal; write the number without it");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw error(text + " is not a plain decimal integer; expected an integer in " + min + ".." + max);
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(text + " is out of range " + min + ".." + max);
        }
        return value.longValueExact();
    }

    public int asInt(int min, int max) throws ConfigException {
        return (int) asLong(min, max);
    }

    public boolean asBoolean() throws ConfigException {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.kind() != YamlNode.ScalarKind.BOOLEAN) {
            throw error("expected true or false, found " + node.describe());
        }
        return isYamlTrue(scalar.text());
    }

    /** Jackson follows YAML 1.1 here: yes/on/y are true as well. */
    private static boolean isYamlTrue(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "y", "on" -> true;
            default -> false;
        };
    }

    private String quotedNumberHint() {
        if (node instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.ScalarKind.STRING
                && DECIMAL.matcher(scalar.text().strip()).matches()) {
            return " (remove the quotes)";
        }
        return "";
    }
}
