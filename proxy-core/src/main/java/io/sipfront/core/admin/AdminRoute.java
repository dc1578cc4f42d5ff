package io.sipfront.core.admin;

import java.util.Objects;
import java.util.Set;

/**
 * A method and path template such as {@code /api/v1/destinations/{set}/{id}/disable};
 * {@code {name}} matches one non-empty path segment. Mutating routes require the API token.
 */
public record AdminRoute(String method, String pathTemplate, boolean mutating, AdminHandler handler) {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");

    public AdminRoute {
        Objects.requireNonNull(handler, "handler");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unsupported method " + method);
        }
        if (!pathTemplate.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with /: " + pathTemplate);
        }
    }

    public static AdminRoute get(String pathTemplate, AdminHandler handler) {
        return new AdminRoute("GET", pathTemplate, false, handler);
    }

    public static AdminRoute post(String pathTemplate, AdminHandler handler) {
        return new AdminRoute("POST", pathTemplate, true, handler);
    }
}
