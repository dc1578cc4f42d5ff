package io.sipfront.daemon.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.HealthCheck;
import io.sipfront.core.admin.HealthStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** /health aggregates the modules' checks and the daemon's readiness; the status code alone tells a prober. */
class HealthEndpointTest {
    private final List<HealthCheck> checks = new ArrayList<>();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final AtomicBoolean live = new AtomicBoolean(true);
    private final AdminDispatcher dispatcher = AdminDispatcher.of(
            List.<AdminExtension>of(new HealthEndpoint(() -> checks, ready::get, live::get)),
            ApiToken.of(AdminDispatcherTest.TOKEN));

    private static HealthCheck check(String name, HealthStatus status) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthStatus check() {
                return status;
            }
        };
    }

    private int status(String path) {
        return dispatcher.dispatch("GET", path, null, new byte[0]).status();
    }

    private JsonNode health() throws Exception {
        return AdminDispatcherTest.json(dispatcher.dispatch("GET", "/health", null, new byte[0]));
    }

    @Test
    void noChecksAndReadyIsUp() throws Exception {
        assertEquals(200, status("/health"));
        assertEquals("UP", health().path("status").asText());
        assertEquals(200, status("/health/ready"));
        assertEquals(200, status("/health/live"));
    }

    @Test
    void degradedStillServes() throws Exception {
        checks.add(check("store", HealthStatus.up()));
        checks.add(check("redis", HealthStatus.degraded("unreachable, cached rules in use")));
        assertEquals(200, status("/health"));
        JsonNode h = health();
        assertEquals("DEGRADED", h.path("status").asText());
        assertEquals("redis", h.path("checks").get(1).path("name").asText());
        assertEquals("unreachable, cached rules in use", h.path("checks").get(1).path("detail").asText());
        assertEquals(200, status("/health/ready"));
    }

    @Test
    void oneDownComponentIs503() throws Exception {
        checks.add(check("a", HealthStatus.degraded("x")));
        checks.add(check("b", HealthStatus.down("gone")));
        assertEquals(503, status("/health"));
        assertEquals("DOWN", health().path("status").asText());
        assertEquals(503, status("/health/ready"));
        assertEquals(200, status("/health/live"), "a DOWN dependency is no reason to restart the process");
    }

    @Test
    void notReadyIs503EvenWithEveryCheckUp() throws Exception {
        checks.add(check("a", HealthStatus.up()));
        ready.set(false);
        assertEquals(503, status("/health"));
        assertEquals(false, health().path("ready").asBoolean());
        assertEquals(503, status("/health/ready"));
    }

    @Test
    void aCheckThatThrowsIsDown() throws Exception {
        checks.add(new HealthCheck() {
            @Override
            public String name() {
                return "buggy";
            }

            @Override
            public HealthStatus check() {
                throw new IllegalStateException("oops");
            }
        });
        assertEquals(503, status("/health"));
        assertEquals("DOWN", health().path("checks").get(0).path("status").asText());
    }

    @Test
    void stuckEventLoopsAreNotLive() {
        live.set(false);
        assertEquals(503, status("/health/live"));
    }
}
