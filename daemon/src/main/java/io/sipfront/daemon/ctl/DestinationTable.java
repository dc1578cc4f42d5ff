package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/destinations} (see docs/operations.md) as a table, one destination per line: the state with
 * its qualifiers (suspect, draining, drained), the last probe, calls in progress against {@code max_calls}, and
 * the counters.
 */
final class DestinationTable {
    static final List<String> HEADER = List.of("SET", "ID", "URI", "STATE", "LAST PROBE", "CODE", "RTT", "CALLS",
            "COUNTERS");

    private DestinationTable() {
    }

    /** @throws IllegalArgumentException when the document is not a JSON array of objects */
    static String render(JsonNode destinations) {
        if (!destinations.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of destinations, got " + destinations.getNodeType());
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode d : destinations) {
            if (!d.isObject()) {
                throw new IllegalArgumentException("expected a JSON object per destination, got " + d.getNodeType());
            }
            rows.add(row(d));
        }
        return align(rows);
    }

    private static List<String> row(JsonNode d) {
        JsonNode probe = d.path("last_probe");
        JsonNode rtt = probe.path("rtt_ms");
        long maxCalls = d.path("max_calls").asLong(0);
        String calls = text(d.get("calls_in_progress")) + (maxCalls > 0 ? "/" + maxCalls : "");
        return List.of(text(d.get("set")), text(d.get("id")), text(d.get("uri")), state(d),
                text(probe.get("time")), text(probe.get("code")), rtt.isNumber() ? rtt.asText() + " ms" : "-",
                calls, counters(d.path("counters")));
    }

    private static String state(JsonNode d) {
        List<String> qualifiers = new ArrayList<>();
        for (String flag : List.of("suspect", "draining", "drained")) {
            if (d.path(flag).asBoolean(false)) {
                qualifiers.add(flag);
            }
        }
        String state = text(d.get("state"));
        String reason = d.hasNonNull("reason") ? ": " + d.get("reason").asText() : "";
        return (qualifiers.isEmpty() ? state : state + " (" + String.join(", ", qualifiers) + ")") + reason;
    }

    private static String counters(JsonNode counters) {
        List<String> out = new ArrayList<>();
        counters.fields().forEachRemaining(f -> out.add(f.getKey() + "=" + f.getValue().asText()));
        return out.isEmpty() ? "-" : String.join(" ", out);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || n.asText().isEmpty() ? "-" : n.asText();
    }

    private static String align(List<List<String>> rows) {
        int columns = HEADER.size();
        int[] width = new int[columns];
        for (List<String> r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(r.get(i));
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - r.get(i).length() + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
