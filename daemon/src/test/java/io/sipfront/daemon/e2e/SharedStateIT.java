package io.sipfront.daemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.redis.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two real daemons (SIP on 127.0.0.1 and 127.0.0.2, admin API on 9061 and 9062) sharing one redis-server: an
 * operator action through one node's API applies on the other, each node sees what the other observed, losing
 * Redis leaves both serving with {@code /health} DEGRADED, and an action taken meanwhile reaches the peer once
 * Redis is back. The carriers do not answer probes here, so both nodes find them inactive on their own.
 */
class SharedStateIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<SipfrontProcess> daemons = new ArrayList<>();
    private RedisServer redis;

    @AfterEach
    void stopAll() throws Exception {
        for (SipfrontProcess d : daemons) {
            d.stop();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void twoDaemonsShareOperatorActionsAndObservationsAndSurviveLosingRedis() throws Exception {
        RedisServer.requireInstalled();
        Path dir = E2e.workRoot().resolve(getClass().getSimpleName());
        Files.createDirectories(dir);
        redis = new RedisServer(dir.resolve("redis.log"));
        redis.start();
        Path c1 = config(dir, "node1", "127.0.0.1", 9061);
        Path c2 = config(dir, "node2", "127.0.0.2", 9062);
        SipfrontProcess n1 = SipfrontProcess.start(c1, dir.resolve("node1/sipfront.log"));
        daemons.add(n1);
        SipfrontProcess n2 = SipfrontProcess.start(c2, dir.resolve("node2/sipfront.log"));
        daemons.add(n2);
        n1.awaitReady(Duration.ofSeconds(60));
        n2.awaitReady(Duration.ofSeconds(60));
        String api1 = "http://127.0.0.1:9061";
        String api2 = "http://127.0.0.1:9062";
        awaitBody(api2 + "/health", "\"name\":\"shared-state\",\"status\":\"UP\"", n2);

        HttpResponse<String> r = post(api1 + "/api/v1/destinations/platform/platform-1/disable", token(c1));
        assertEquals(200, r.statusCode(), r.body());
        awaitBody(api2 + "/api/v1/destinations", "\"id\":\"platform-1\",\"uri\":\"sip:127.0.0.10:5060\","
                + "\"state\":\"disabled\"", n2);
        awaitBody(api2 + "/api/v1/shared-state", "\"node\":\"node1\",\"set\":\"carriers\",\"id\":\"carrier-a\","
                + "\"state\":\"inactive\"", n2);

        redis.stop();
        awaitBody(api1 + "/health", "\"name\":\"shared-state\",\"status\":\"DEGRADED\"", n1);
        awaitBody(api2 + "/health", "\"name\":\"shared-state\",\"status\":\"DEGRADED\"", n2);
        // Still serving (readiness itself is DOWN here only because no carrier answers probes in this test).
        for (String api : List.of(api1, api2)) {
            assertTrue(get(api + "/health").body().contains("\"ready\":true"), api);
            assertEquals(200, get(api + "/health/live").statusCode(), api);
        }
        assertTrue(n1.isAlive() && n2.isAlive());
        r = post(api2 + "/api/v1/destinations/platform/platform-1/enable", token(c2));
        assertEquals(200, r.statusCode(), "operator actions still work locally: " + r.body());

        redis.start();
        awaitBody(api1 + "/health", "\"name\":\"shared-state\",\"status\":\"UP\"", n1);
        awaitBody(api1 + "/api/v1/destinations", "\"id\":\"platform-1\",\"uri\":\"sip:127.0.0.10:5060\","
                + "\"state\":\"active\"", n1);
        assertTrue(get(api1 + "/metrics").body().contains("sipfront_shared_state_applied_total"));
    }

    /** health.yaml (carriers probed every 0.5 s) on {@code sipIp}, with its own admin port and shared state. */
    private Path config(Path dir, String node, String sipIp, int adminPort) throws Exception {
        Path nodeDir = dir.resolve(node);
        Files.createDirectories(nodeDir);
        String yaml = Files.readString(E2e.config("health.yaml"))
                .replace("listen: [udp:127.0.0.1:5060, tcp:127.0.0.1:5060]",
                        "listen: [udp:" + sipIp + ":5060, tcp:" + sipIp + ":5060]")
                .replace("advertised_address: 127.0.0.1", "advertised_address: " + sipIp)
                + "admin:\n  listen: 127.0.0.1:" + adminPort + "\n  token_file: admin.token\n"
                + "redis:\n  addresses: [127.0.0.1:" + redis.port() + "]\n  connect_timeout_ms: 300\n"
                + "  timeout_ms: 300\n"
                + "shared_state:\n  cluster: e2e\n  node_id: " + node + "\n  stale_after_ms: 5000\n";
        assertTrue(yaml.contains("udp:" + sipIp + ":5060"), "health.yaml's listen line changed: update this test");
        Path file = nodeDir.resolve("sipfront.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String token(Path config) throws Exception {
        return Files.readString(config.resolveSibling("admin.token")).strip();
    }

    private void awaitBody(String url, String fragment, SipfrontProcess d) throws Exception {
        AdminPoll.awaitBody(url, fragment, WAIT, d);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return AdminPoll.get(url, WAIT);
    }

    private HttpResponse<String> post(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

}
