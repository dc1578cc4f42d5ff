package io.sipfront.normalization.io;

import io.sipfront.normalization.PhoneNumbers;
import io.sipfront.normalization.config.NumberRule;
import io.sipfront.normalization.config.NumberingPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and writes one carrier's plan as YAML or CSV. Reading checks everything (carrier, region, formats, regexes,
 * replacement groups) and reports the first mistake with its line; a plan comes back only when all of it is good.
 *
 * <p>YAML: {@code carrier}, {@code region}, {@code outbound_format}, {@code invalid_numbers}, {@code rules} (a list of
 * {@code direction}, {@code field}, {@code match}, {@code replace}). CSV: the header
 * {@code carrier,direction,field,match,replace}; a row whose direction is {@code setting} sets {@code region},
 * {@code outbound_format} or {@code invalid_numbers} (named in field) to the value in match; fields may be quoted
 * with {@code "} (regexes with commas); lines starting with {@code #} are comments.
 */
public final class PlanFiles {
    static final String CSV_HEADER = "carrier,direction,field,match,replace";
    private static final List<String> YAML_KEYS = List.of("carrier", "region", "outbound_format", "invalid_numbers",
            "rules");
    private static final List<String> RULE_KEYS = List.of("direction", "field", "match", "replace");

    private PlanFiles() {
    }

    /**
     * @param carrier  the carrier the import is for; a carrier named in the file must be this one
     * @param carriers the carriers of the config: any other name is refused
     */
    public static NumberingPlan read(String text, PlanFormat format, String carrier, Set<String> carriers)
            throws PlanImportException {
        if (!carriers.contains(carrier)) {
            throw new PlanImportException(0, "unknown carrier '" + carrier + "'; the config has " + carriers);
        }
        Draft d = format == PlanFormat.CSV ? readCsv(text, carrier, carriers) : readYaml(text, carrier, carriers);
        if (d.region == null) {
            throw new PlanImportException(0, "the plan has no region (the carrier's default region, e.g. GB)");
        }
        return new NumberingPlan(carrier, d.region,
                d.format == null ? NumberingPlan.OutboundFormat.E164 : d.format,
                d.invalid == null ? NumberingPlan.InvalidNumbers.PASS : d.invalid, d.rules);
    }

    private static final class Draft {
        String region;
        NumberingPlan.OutboundFormat format;
        NumberingPlan.InvalidNumbers invalid;
        final List<NumberRule> rules = new ArrayList<>();

        void setting(String name, String value, int line) throws PlanImportException {
            try {
                switch (name) {
                    case "region" -> region = region(value);
                    case "outbound_format" -> format = NumberingPlan.parseFormat(value);
                    case "invalid_numbers" -> invalid = NumberingPlan.parseInvalid(value);
                    default -> throw new IllegalArgumentException("unknown setting '" + name
                            + "'; settings are region, outbound_format and invalid_numbers");
                }
            } catch (IllegalArgumentException e) {
                throw new PlanImportException(line, e.getMessage());
            }
        }

        void rule(String direction, String field, String match, String replace, int line) throws PlanImportException {
            try {
                rules.add(NumberRule.parse(direction, field, match, replace));
            } catch (IllegalArgumentException e) {
                throw new PlanImportException(line, e.getMessage());
            }
        }
    }

    private static String region(String value) {
        String region = NumberingPlan.parseRegion(value);
        if (!PhoneNumbers.isSupportedRegion(region)) {
            throw new IllegalArgumentException("region: '" + value + "' has no numbering metadata in libphonenumber");
        }
        return region;
    }

    private static void checkCarrier(String named, String carrier, Set<String> carriers, int line)
            throws PlanImportException {
        if (!carriers.contains(named)) {
            throw new PlanImportException(line, "unknown carrier '" + named + "'; the config has " + carriers);
        }
        if (!named.equals(carrier)) {
            throw new PlanImportException(line, "the file names carrier '" + named + "' but the import is for '"
                    + carrier + "'");
        }
    }

    // ---- CSV ----

    private static Draft readCsv(String text, String carrier, Set<String> carriers) throws PlanImportException {
        Draft d = new Draft();
        String[] lines = text.split("\r?\n", -1);
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            String l = lines[i];
            if (l.isBlank() || l.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> f = csvFields(l, line);
            if (!header) {
                if (!String.join(",", f).strip().equals(CSV_HEADER)) {
                    throw new PlanImportException(line, "the first line must be the header " + CSV_HEADER);
                }
                header = true;
                continue;
            }
            if (f.size() != 5) {
                throw new PlanImportException(line, "expected 5 fields (" + CSV_HEADER + "), found " + f.size()
                        + "; quote a field that contains a comma");
            }
            checkCarrier(f.get(0), carrier, carriers, line);
            if ("setting".equals(f.get(1))) {
                d.setting(f.get(2), f.get(3), line);
            } else {
                d.rule(f.get(1), f.get(2), f.get(3), f.get(4), line);
            }
        }
        if (!header) {
            throw new PlanImportException(0, "the file is empty; it needs the header " + CSV_HEADER);
        }
        return d;
    }

    private static List<String> csvFields(String line, int lineNo) throws PlanImportException {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new PlanImportException(lineNo, "a quoted field is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new PlanImportException(lineNo, "unexpected text after a quoted field");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    f.append(line.charAt(i++));
                }
            }
            fields.add(f.toString());
            f.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    private static String csvField(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.startsWith("#") || s.startsWith(" ")
                || s.endsWith(" ")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    // ---- YAML ----

    private static Draft readYaml(String text, String carrier, Set<String> carriers) throws PlanImportException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
        } catch (RuntimeException e) {
            throw new PlanImportException(0, "not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        if (!(root instanceof MappingNode map)) {
            throw new PlanImportException(root == null ? 0 : line(root), "expected a mapping with the keys "
                    + YAML_KEYS);
        }
        Draft d = new Draft();
        for (Map.Entry<String, Node> e : entries(map, YAML_KEYS).entrySet()) {
            Node v = e.getValue();
            switch (e.getKey()) {
                case "carrier" -> checkCarrier(scalar(v, "carrier"), carrier, carriers, line(v));
                case "rules" -> {
                    if (!(v instanceof SequenceNode seq)) {
                        throw new PlanImportException(line(v), "rules: expected a list");
                    }
                    for (Node item : seq.getValue()) {
                        if (!(item instanceof MappingNode rm)) {
                            throw new PlanImportException(line(item), "a rule must be a mapping with the keys "
                                    + RULE_KEYS);
                        }
                        Map<String, Node> r = entries(rm, RULE_KEYS);
                        d.rule(optScalar(r, "direction"), optScalar(r, "field"), optScalar(r, "match"),
                                optScalar(r, "replace"), line(item));
                    }
                }
                default -> d.setting(e.getKey(), scalar(v, e.getKey()), line(v));
            }
        }
        return d;
    }

    private static Map<String, Node> entries(MappingNode map, List<String> allowed) throws PlanImportException {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode(), "key");
            if (!allowed.contains(key)) {
                throw new PlanImportException(line(t.getKeyNode()), "unknown key '" + key + "'; allowed keys: "
                        + String.join(", ", allowed));
            }
            if (out.put(key, t.getValueNode()) != null) {
                throw new PlanImportException(line(t.getKeyNode()), "key '" + key + "' appears twice");
            }
        }
        return out;
    }

    private static String optScalar(Map<String, Node> m, String key) throws PlanImportException {
        Node n = m.get(key);
        return n == null ? null : scalar(n, key);
    }

    private static String scalar(Node n, String what) throws PlanImportException {
        if (!(n instanceof ScalarNode s)) {
            throw new PlanImportException(line(n), what + ": expected a single value");
        }
        return s.getValue();
    }

    private static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    // ---- writing ----

    public static String write(NumberingPlan plan, PlanFormat format) {
        StringBuilder b = new StringBuilder();
        if (format == PlanFormat.CSV) {
            b.append(CSV_HEADER).append('\n');
            String c = plan.carrier();
            b.append(c).append(",setting,region,").append(plan.region()).append(",\n");
            b.append(c).append(",setting,outbound_format,").append(plan.outboundFormat().text()).append(",\n");
            b.append(c).append(",setting,invalid_numbers,").append(plan.invalidNumbers().text()).append(",\n");
            for (NumberRule r : plan.rules()) {
                b.append(c).append(',').append(r.directionName()).append(',').append(r.fieldName()).append(',')
                        .append(csvField(r.match().pattern())).append(',').append(csvField(r.replace())).append('\n');
            }
            return b.toString();
        }
        b.append("carrier: ").append(plan.carrier()).append('\n');
        b.append("region: ").append(plan.region()).append('\n');
        b.append("outbound_format: ").append(plan.outboundFormat().text()).append('\n');
        b.append("invalid_numbers: ").append(plan.invalidNumbers().text()).append('\n');
        b.append(plan.rules().isEmpty() ? "rules: []\n" : "rules:\n");
        for (NumberRule r : plan.rules()) {
            b.append("  - direction: ").append(r.directionName()).append('\n');
            b.append("    field: ").append(r.fieldName()).append('\n');
            b.append("    match: ").append(yamlQuoted(r.match().pattern())).append('\n');
            b.append("    replace: ").append(yamlQuoted(r.replace())).append('\n');
        }
        return b.toString();
    }

    /** Single-quoted YAML: backslashes and $ stay literal, only ' is doubled. */
    private static String yamlQuoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
