package io.sipfront.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link YamlNode} tree with Jackson's streaming parser.
 * Rejects what the parser would let through silently: duplicate keys (the last one would win),
 * aliases (Jackson hands back the alias name as if it were the value) and a second document.
 */
final class YamlTreeReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final YAMLParser parser;
    private final String source;

    private YamlTreeReader(YAMLParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /** The document's root node, or empty when the text holds no document (empty, or comments only). */
    static Optional<YamlNode> read(String yaml, String source) throws ConfigException {
        try (YAMLParser parser = FACTORY.createParser(yaml)) {
            YamlTreeReader reader = new YamlTreeReader(parser, source);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            YamlNode root = reader.readValue(first, "");
            reader.rejectFurtherDocuments();
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, source);
        } catch (IOException e) {
            throw new ConfigException(source, 0, 0, "cannot read YAML: " + e.getMessage(), e);
        }
    }

    private YamlNode readValue(JsonToken token, String path) throws IOException, ConfigException {
        Mark mark = tokenMark();
        if (token == null) {
            throw mark.error(prefix(path) + "the file ends where a value was expected");
        }
        if (parser.isCurrentAlias()) {
            throw mark.error(prefix(path) + "YAML aliases (*" + parser.getText()
                    + ") are not supported; write the value out");
        }
        return switch (token) {
            case START_OBJECT -> readMapping(mark, path);
            case START_ARRAY -> readSequence(mark, path);
            case VALUE_STRING -> scalar(mark, YamlNode.ScalarKind.STRING);
            case VALUE_NUMBER_INT -> scalar(mark, YamlNode.ScalarKind.INTEGER);
            case VALUE_NUMBER_FLOAT -> scalar(mark, YamlNode.ScalarKind.FLOAT);
            case VALUE_TRUE, VALUE_FALSE -> scalar(mark, YamlNode.ScalarKind.BOOLEAN);
            case VALUE_NULL -> scalar(mark, YamlNode.ScalarKind.NULL);
            default -> throw mark.error(prefix(path) + "unsupported YAML content (" + token + ")");
        };
    }

    private YamlNode.Scalar scalar(Mark mark, YamlNode.ScalarKind kind) throws IOException {
        return new YamlNode.Scalar(mark, kind, parser.getText());
    }

    private YamlNode.Mapping readMapping(Mark mark, String path) throws IOException, ConfigException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, Mark> seen = new HashMap<>();
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_OBJECT;
                token = parser.nextToken()) {
            // Always FIELD_NAME: Jackson itself rejects keys that are not scalars.
            String key = parser.currentName();
            Mark keyMark = tokenMark();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            Mark first = seen.putIfAbsent(key, keyMark);
            if (first != null) {
                throw keyMark.error(keyPath + ": duplicate key (first defined at " + first.describe() + ")");
            }
            entries.add(new YamlNode.Entry(key, keyMark, readValue(parser.nextToken(), keyPath)));
        }
        return new YamlNode.Mapping(mark, entries);
    }

    private YamlNode.Sequence readSequence(Mark mark, String path) throws IOException, ConfigException {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
            items.add(readValue(token, path + "[" + items.size() + "]"));
        }
        return new YamlNode.Sequence(mark, items);
    }

    /** A stray {@code ---} at the end is harmless; a second document with content is a mistake. */
    private void rejectFurtherDocuments() throws IOException, ConfigException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            boolean empty = token == JsonToken.VALUE_NULL
                    || (token == JsonToken.VALUE_STRING && parser.getText().isEmpty());
            if (!empty) {
                throw tokenMark().error("a second YAML document starts here; a config file holds exactly one");
            }
        }
    }

    private Mark tokenMark() {
        JsonLocation location = parser.currentTokenLocation();
        return new Mark(source, location.getLineNr(), location.getColumnNr());
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    /**
     * SnakeYAML knows exactly where a syntax error is; Jackson's own location is where its
     * tokenizer stopped, which can be a line earlier (a tab used for indentation, for one).
     */
    private static ConfigException syntaxError(JsonProcessingException e, String source) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                org.yaml.snakeyaml.error.Mark problem = marked.getProblemMark();
                return new ConfigException(source, problem.getLine() + 1, problem.getColumn() + 1,
                        "YAML syntax error: " + describe(marked), e);
            }
        }
        JsonLocation location = e.getLocation();
        int line = location == null ? 0 : Math.max(location.getLineNr(), 0);
        int column = location == null ? 0 : Math.max(location.getColumnNr(), 0);
        return new ConfigException(source, line, column, "YAML syntax error: " + oneLine(e.getOriginalMessage()), e);
    }

    private static String describe(MarkedYAMLException e) {
        String problem = oneLine(e.getProblem());
        if (e.getContext() == null) {
            return problem;
        }
        String context = oneLine(e.getContext());
        org.yaml.snakeyaml.error.Mark where = e.getContextMark();
        if (where == null) {
            return problem + " (" + context + ")";
        }
        return problem + " (" + context + " that starts at line " + (where.getLine() + 1)
                + ", column " + (where.getColumn() + 1) + ")";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
