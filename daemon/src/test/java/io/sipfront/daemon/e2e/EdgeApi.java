package io.sipfront.daemon.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code GET /api/v1/bans} and the metrics of the daemon under test, on its default admin address. */
final class EdgeApi {
    static final String API = "http://127.0.0.1:9060";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private EdgeApi() {
    }

    static JsonNode bans() throws IOException, InterruptedException {
        return JSON.readTree(get("/api/v1/bans"));
    }

    static boolean isBanned(String address) throws IOException, InterruptedException {
        for (JsonNode b : bans().path("bans")) {
            if (b.path("address").asText().equals(address)) {
                return true;
            }
        }
        return false;
    }

    /** The value of one metric line of {@code GET /metrics} starting with {@code prefix}, or -1. */
    static double metric(String prefix) throws IOException, InterruptedException {
        for (String line : get("/metrics").split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(API + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
