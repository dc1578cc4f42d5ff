package io.sipfront.daemon.admin;

import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Every route the admin server serves, checked once at start: two routes of the same method and shape clash. */
final class RouteTable {
    record Entry(AdminRoute route, PathTemplate template) {
    }

    /** What a request resolves to. */
    sealed interface Lookup permits Found, NotFound, MethodNotAllowed {
    }

    record Found(AdminRoute route, Map<String, String> params) implements Lookup {
    }

    record NotFound() implements Lookup {
    }

    record MethodNotAllowed(List<String> allowed) implements Lookup {
    }

    private final List<Entry> entries;

    private RouteTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @throws IllegalArgumentException naming both routes when two clash, or a malformed template */
    static RouteTable of(List<? extends AdminExtension> extensions) {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (AdminExtension extension : extensions) {
            for (AdminRoute route : extension.routes()) {
                PathTemplate template = new PathTemplate(route.pathTemplate());
                String key = route.method() + " " + template.shape();
                String earlier = seen.putIfAbsent(key, route.method() + " " + route.pathTemplate() + " ("
                        + extension.getClass().getSimpleName() + ")");
                if (earlier != null) {
                    throw new IllegalArgumentException("admin route " + route.method() + " "
                            + route.pathTemplate() + " of " + extension.getClass().getSimpleName()
                            + " clashes with " + earlier);
                }
                entries.add(new Entry(route, template));
            }
        }
        return new RouteTable(entries);
    }

    Lookup lookup(String method, String path) {
        List<String> segments = PathTemplate.split(path);
        TreeSet<String> allowed = new TreeSet<>();
        Found found = null;
        for (Entry e : entries) {
            Optional<Map<String, String>> params = e.template.match(segments);
            if (params.isEmpty()) {
                continue;
            }
            allowed.add(e.route.method());
            // A literal segment beats a parameter: /a/status wins over /a/{id} for the same method.
            if (e.route.method().equals(method)
                    && (found == null || paramCount(e.route) < paramCount(found.route()))) {
                found = new Found(e.route, params.get());
            }
        }
        if (found != null) {
            return found;
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(List.copyOf(allowed));
    }

    private static long paramCount(AdminRoute route) {
        return route.pathTemplate().chars().filter(c -> c == '{').count();
    }

    List<AdminRoute> routes() {
        return entries.stream().map(Entry::route).toList();
    }
}
