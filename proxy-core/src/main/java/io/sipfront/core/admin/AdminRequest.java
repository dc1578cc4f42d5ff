package io.sipfront.core.admin;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One admin API call as a handler sees it.
 *
 * @param method      upper-case HTTP method
 * @param path        decoded path without the query string
 * @param pathParams  values of the route's {@code {name}} segments
 * @param query       query parameters (last value wins)
 * @param body        request body, empty when none
 */
public record AdminRequest(String method, String path, Map<String, String> pathParams,
                           Map<String, String> query, byte[] body) {
    public AdminRequest {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        body = body.clone();
    }

    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalArgumentException("route has no path parameter " + name);
        }
        return v;
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
