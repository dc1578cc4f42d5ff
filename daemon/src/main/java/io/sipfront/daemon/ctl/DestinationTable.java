package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/destinations} as a table, one destination per line. Reads the documented fields by name
 * (with the spellings the API may use: {@code last_probe} as a time or as an object with time, code and rtt), and
 * lists every other field, counters included, as {@code name=value} in the last column so nothing is hidden.
 */
final class DestinationTable {
    static final List<String> HEADER = List.of("SET", "ID", "URI", "STATE", "LAST PROBE", "CODE", "RTT", "CALLS",
            "COUNTERS");
    private static final List<String> TIME = List.of("last_probe_time", "last_probe_at", "last_probe", "lastProbe");
    private static final List<String> CODE = List.of("last_probe_code", "probe_code", "lastProbeCode");
    private static final List<String> RTT = List.of("last_probe_rtt_ms", "probe_rtt_ms", "rtt_ms", "lastProbeRttMs");
    private static final List<String> CALLS = List.of("calls_in_progress", "callsInProgress", "active_calls", "calls");

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
        Set<String> used = new HashSet<>(List.of("set", "id", "uri", "state"));
        JsonNode probe = first(d, TIME, used);
        JsonNode time = probe;
        JsonNode code = first(d, CODE, used);
        JsonNode rtt = first(d, RTT, used);
        if (probe != null && probe.isObject()) {
            time = firstOf(probe, "time", "at", "timestamp");
            code = code != null ? code : firstOf(probe, "code", "status");
            rtt = rtt != null ? rtt : firstOf(probe, "rtt_ms", "rtt");
        }
        JsonNode calls = first(d, CALLS, used);
        List<String> extra = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = d.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!used.contains(f.getKey())) {
                flatten(f.getKey(), f.getValue(), extra);
            }
        }
        return List.of(text(d.get("set")), text(d.get("id")), text(d.get("uri")), text(d.get("state")),
                time(time), text(code), rtt == null || rtt.isNull() || rtt.asLong(0) < 0 ? "-" : rtt.asText() + " ms",
                text(calls), extra.isEmpty() ? "-" : String.join(" ", extra));
    }

    private static JsonNode first(JsonNode d, List<String> names, Set<String> used) {
        for (String n : names) {
            if (d.has(n)) {
                used.add(n);
                return d.get(n);
            }
        }
        return null;
    }

    private static JsonNode firstOf(JsonNode d, String... names) {
        for (String n : names) {
            if (d.has(n)) {
                return d.get(n);
            }
        }
        return null;
    }

    /** A counters object becomes {@code counters.attempts=3}-style entries, shortened to the leaf names. */
    private static void flatten(String name, JsonNode value, List<String> out) {
        if (value.isObject()) {
            value.fields().forEachRemaining(f -> flatten(f.getKey(), f.getValue(), out));
        } else if (value.isArray()) {
            out.add(name + "=" + value);
        } else {
            out.add(name + "=" + (value.isNull() ? "-" : value.asText()));
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.asText().isEmpty() ? "-" : n.asText();
    }

    /** Epoch milliseconds (0 or less: never probed) or a time string as the API gives it. */
    private static String time(JsonNode n) {
        if (n == null || n.isNull()) {
            return "-";
        }
        if (n.isNumber()) {
            long millis = n.asLong();
            return millis <= 0 ? "-" : Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return text(n);
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
