package io.sipfront.daemon.ctl;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The admin API over HTTP, for {@code sipfront ctl}. */
final class AdminClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** A reload resolves destination host names, so it may take a few seconds. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    record Reply(int status, String body) {
    }

    /** The daemon does not answer at all. */
    static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ApiTarget target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();

    AdminClient(ApiTarget target) {
        this.target = target;
    }

    ApiTarget target() {
        return target;
    }

    Reply get(String path) throws Unreachable {
        return send(request(path).GET().build());
    }

    Reply post(String path) throws Unreachable {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.base() + path)).timeout(REQUEST_TIMEOUT);
        if (target.token() != null) {
            b.header("Authorization", "Bearer " + target.token());
        }
        return b;
    }

    private Reply send(HttpRequest request) throws Unreachable {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new Unreachable("cannot reach the Sipfront admin API at " + target.base() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "; is the daemon running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
    }
}
