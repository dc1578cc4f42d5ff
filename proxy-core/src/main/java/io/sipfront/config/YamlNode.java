package io.sipfront.config;

import java.util.List;

/**
 * The YAML document as a plain tree in which every node remembers where it was written,
 * so that errors found long after parsing (a port out of range, a set that does not exist)
 * can still name a line.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    Mark mark();

    /** How the node reads in an error message: "a mapping", "the string \"x\"", ... */
    String describe();

    /** One {@code key: value} pair; keys are unique (the reader rejects duplicates). */
    record Entry(String key, Mark keyMark, YamlNode value) {
    }

    record Mapping(Mark mark, List<Entry> entries) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(Mark mark, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** What the YAML parser made of a scalar: {@code "5"} is a STRING, {@code 5} an INTEGER. */
    enum ScalarKind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /** @param text the scalar as written (without quotes); for NULL, {@code ~}, {@code null} or empty */
    record Scalar(Mark mark, ScalarKind kind, String text) implements YamlNode {

        /** {@code key:} with nothing after it, {@code ~}, {@code null} and {@code ""} all count as empty. */
        boolean isEmpty() {
            return kind == ScalarKind.NULL || text.isEmpty();
        }

        @Override
        public String describe() {
            if (isEmpty()) {
                return "an empty value";
            }
            return switch (kind) {
                case STRING -> "the string \"" + text + "\"";
                case INTEGER -> "the integer " + text;
                case FLOAT -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "an empty value";
            };
        }
    }
}
