package io.sipfront.daemon.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipfront.config.ConfigLoader;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.daemon.admin.AdminDispatcher;
import io.sipfront.daemon.admin.ApiToken;
import io.sipfront.daemon.admin.HealthEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reload API and the {@code config} health check, through the dispatcher as the server calls them. */
class ReloadEndpointTest {
    static final String AUTH = "Bearer reload-endpoint-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path file;
    private final List<Object> applied = new ArrayList<>();
    private AdminDispatcher api;

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("sipfront.yaml");
        Files.writeString(file, ConfigReloaderTest.CONFIG);
        ConfigReloader reloader = new ConfigReloader(file, ConfigLoader.load(file), applied::add, Clock.systemUTC(),
                new SimpleMeterRegistry());
        ReloadEndpoint endpoint = new ReloadEndpoint(reloader);
        api = AdminDispatcher.of(List.<AdminExtension>of(endpoint,
                new HealthEndpoint(endpoint::healthChecks, () -> true, () -> true)),
                ApiToken.of(AUTH.substring("Bearer ".length())));
    }

    private JsonNode call(String method, String path, int expectedStatus) throws Exception {
        AdminReply r = api.dispatch(method, path, AUTH, new byte[0]);
        assertEquals(expectedStatus, r.status(), new String(r.body()));
        return JSON.readTree(r.body());
    }

    @Test
    void beforeAnyReloadThereIsNoLastAttemptAndHealthIsUp() throws Exception {
        assertTrue(call("GET", "/api/v1/reload", 200).path("last").isNull());
        assertEquals("UP", call("GET", "/health", 200).path("status").asText());
    }

    @Test
    void aRefusedFileIs422WithItsPositionAndHealthTurnsDegradedUntilAGoodReload() throws Exception {
        Files.writeString(file, ConfigReloaderTest.CONFIG.replace("sip:", "sipp:"));
        JsonNode refused = call("POST", "/api/v1/reload", 422);
        assertEquals(422, refused.path("status").asInt());
        assertTrue(refused.path("error").asText().startsWith(file + ":1:1: unknown top-level key 'sipp'"),
                refused.toString());
        assertEquals(false, refused.path("last").path("ok").asBoolean());
        assertEquals("api", refused.path("last").path("trigger").asText());
        assertTrue(applied.isEmpty());

        JsonNode last = call("GET", "/api/v1/reload", 200);
        assertEquals(refused.path("last"), last.path("last"));

        JsonNode health = call("GET", "/health", 200);
        assertEquals("DEGRADED", health.path("status").asText(), "serving, but not the config on disk");
        assertTrue(health.path("checks").get(0).path("detail").asText().contains("unknown top-level key"),
                health.toString());

        Files.writeString(file, ConfigReloaderTest.CONFIG);
        JsonNode ok = call("POST", "/api/v1/reload", 200);
        assertEquals(true, ok.path("last").path("ok").asBoolean());
        assertEquals(1, applied.size());
        assertEquals("UP", call("GET", "/health", 200).path("status").asText());
    }
}
