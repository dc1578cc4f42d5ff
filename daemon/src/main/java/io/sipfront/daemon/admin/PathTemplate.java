package io.sipfront.daemon.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path such as {@code /api/v1/destinations/{set}/{id}/drain}: literal segments match themselves,
 * {@code {name}} matches any one non-empty segment and is handed to the handler under that name.
 */
final class PathTemplate {
    private final String text;
    private final List<String> segments;
    /** The template with every parameter name blanked: two templates with the same shape clash. */
    private final String shape;

    PathTemplate(String text) {
        this.text = text;
        this.segments = split(text);
        List<String> shapeParts = new ArrayList<>();
        for (String s : segments) {
            if (isParam(s)) {
                String name = s.substring(1, s.length() - 1);
                if (name.isEmpty() || name.contains("{") || name.contains("}")) {
                    throw new IllegalArgumentException("bad parameter segment '" + s + "' in " + text);
                }
                shapeParts.add("{}");
            } else if (s.isEmpty() || s.contains("{") || s.contains("}")) {
                throw new IllegalArgumentException("bad segment '" + s + "' in " + text);
            } else {
                shapeParts.add(s);
            }
        }
        this.shape = "/" + String.join("/", shapeParts);
    }

    String text() {
        return text;
    }

    String shape() {
        return shape;
    }

    /** The parameters when {@code path} (decoded, no query) fits this template. */
    Optional<Map<String, String>> match(List<String> pathSegments) {
        if (pathSegments.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String t = segments.get(i);
            String p = pathSegments.get(i);
            if (isParam(t)) {
                if (p.isEmpty()) {
                    return Optional.empty();
                }
                params.put(t.substring(1, t.length() - 1), p);
            } else if (!t.equals(p)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** {@code /a/b/} and {@code /a/b} are the same path; {@code /} has no segments. */
    static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/", -1));
    }

    private static boolean isParam(String segment) {
        return segment.length() >= 2 && segment.startsWith("{") && segment.endsWith("}");
    }
}
