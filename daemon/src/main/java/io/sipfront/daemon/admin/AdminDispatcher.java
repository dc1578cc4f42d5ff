package io.sipfront.daemon.admin;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.sipfront.core.admin.AdminException;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRequest;
import io.sipfront.core.admin.AdminRoute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one HTTP request into a handler call: route lookup (404, 405), the token check for mutating routes (401),
 * and every failure as the API's JSON error. Knows nothing about sockets, so it is tested without one.
 */
public final class AdminDispatcher {
    private static final Logger log = LoggerFactory.getLogger(AdminDispatcher.class);

    private final RouteTable routes;
    private final ApiToken token;

    AdminDispatcher(RouteTable routes, ApiToken token) {
        this.routes = routes;
        this.token = token;
    }

    /** @throws IllegalArgumentException when two extensions' routes clash */
    public static AdminDispatcher of(List<? extends io.sipfront.core.admin.AdminExtension> extensions, ApiToken token) {
        return new AdminDispatcher(RouteTable.of(extensions), token);
    }

    /**
     * @param uri            the request target as received, e.g. {@code /api/v1/reload?x=1}
     * @param authorization  the Authorization header, or {@code null}
     */
    public AdminReply dispatch(String method, String uri, String authorization, byte[] body) {
        QueryStringDecoder decoded;
        try {
            decoded = new QueryStringDecoder(uri);
            decoded.path(); // decodes and throws on malformed %-escapes
        } catch (IllegalArgumentException e) {
            return AdminReply.error(400, "malformed request target: " + e.getMessage());
        }
        String path = decoded.path();
        RouteTable.Lookup lookup = routes.lookup(method, path);
        if (lookup instanceof RouteTable.NotFound) {
            return AdminReply.error(404, "no such path: " + path);
        }
        if (lookup instanceof RouteTable.MethodNotAllowed na) {
            return AdminReply.error(405, method + " is not allowed on " + path + "; allowed: "
                    + String.join(", ", na.allowed()));
        }
        RouteTable.Found found = (RouteTable.Found) lookup;
        AdminRoute route = found.route();
        if (route.mutating() && !token.accepts(authorization)) {
            String why = token.unavailableReason() != null ? token.unavailableReason()
                    : authorization == null ? "this call needs the header 'Authorization: Bearer <token>'"
                    : "wrong token";
            return AdminReply.error(401, why);
        }
        Map<String, String> query = new HashMap<>();
        decoded.parameters().forEach((k, v) -> query.put(k, v.get(v.size() - 1)));
        AdminRequest request = new AdminRequest(method, path, found.params(), query, body);
        try {
            return route.handler().handle(request);
        } catch (AdminException e) {
            return AdminReply.error(e.status(), e.getMessage());
        } catch (Exception | LinkageError e) {
            log.error("admin {} {} failed", method, path, e);
            return AdminReply.error(500, "internal error: " + e);
        }
    }
}
