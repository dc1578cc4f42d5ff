package io.sipfront.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipfront.core.admin.AdminException;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRequest;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.core.admin.HealthStatus;
import io.sipfront.time.FakeClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The destinations API as the admin server calls it: routes, JSON bodies, 404s, the health check. */
class DestinationsAdminTest {
    private final RoutingEngine engine;
    private final DestinationsAdmin admin;

    DestinationsAdminTest() throws Exception {
        engine = new RoutingEngine(RoutingProxyTest.config("degraded", 50, ""), new FakeClock(),
                new SimpleMeterRegistry());
        admin = new DestinationsAdmin(engine);
    }

    private JsonNode call(String method, String template, Map<String, String> params) throws Exception {
        AdminRoute route = admin.routes().stream()
                .filter(r -> r.method().equals(method) && r.pathTemplate().equals(template)).findFirst().orElseThrow();
        AdminReply reply = route.handler().handle(new AdminRequest(method, template, params, Map.of(), new byte[0]));
        assertEquals(200, reply.status());
        assertEquals("application/json", reply.contentType());
        return new ObjectMapper().readTree(reply.body());
    }

    @Test
    void listsEveryDestinationWithStateProbeAndCounters() throws Exception {
        engine.registry().get("carriers", "carrier-a").probeAnswered(200, 12);
        JsonNode list = call("GET", "/api/v1/destinations", Map.of());
        assertEquals(4, list.size());
        JsonNode a = list.get(1);
        assertEquals("carriers", a.get("set").asText());
        assertEquals("carrier-a", a.get("id").asText());
        assertEquals("sip:127.0.0.20", a.get("uri").asText());
        assertEquals("active", a.get("state").asText());
        assertEquals(200, a.get("last_probe").get("code").asInt());
        assertEquals(12, a.get("last_probe").get("rtt_ms").asInt());
        assertTrue(a.get("last_probe").get("time").asText().endsWith("Z"));
        assertEquals(0, a.get("calls_in_progress").asInt());
        assertEquals(50, a.get("max_calls").asInt());
        assertEquals("carrier-a", a.get("carrier").asText());
        assertTrue(a.get("counters").has("attempts"));
    }

    @Test
    void disableDrainAndEnableChangeTheStateAnd404ForUnknownIds() throws Exception {
        String tpl = "/api/v1/destinations/{set}/{id}/";
        Map<String, String> b = Map.of("set", "carriers", "id", "carrier-b");
        assertEquals("disabled", call("POST", tpl + "disable", b).get("state").asText());
        JsonNode drained = call("POST", tpl + "drain", b);
        assertEquals("disabled", drained.get("state").asText());
        assertTrue(drained.get("draining").asBoolean());
        assertEquals("active", call("POST", tpl + "enable", b).get("state").asText());
        AdminException e = assertThrows(AdminException.class,
                () -> call("POST", tpl + "disable", Map.of("set", "carriers", "id", "nope")));
        assertEquals(404, e.status());
    }

    @Test
    void apiActionsAreToldToOperatorListenersAndStateChangesToHealthListeners() throws Exception {
        java.util.List<String> acted = new java.util.ArrayList<>();
        java.util.List<String> changed = new java.util.ArrayList<>();
        engine.addOperatorListener((h, action) -> acted.add(h.destination().id() + " " + action.apiName()));
        engine.addHealthListener((h, from, to, why) -> changed.add(h.destination().id() + " " + to.apiName()));
        Map<String, String> a = Map.of("set", "carriers", "id", "carrier-a");
        call("POST", "/api/v1/destinations/{set}/{id}/drain", a);
        call("POST", "/api/v1/destinations/{set}/{id}/enable", a);
        assertEquals(java.util.List.of("carrier-a drain", "carrier-a enable"), acted);
        assertEquals(java.util.List.of("carrier-a disabled", "carrier-a active"), changed);
        // An action applied without the engine (as shared state applies a peer's) is no local operator action.
        io.sipfront.dispatcher.OperatorAction.DISABLE.applyTo(engine.registry().get("carriers", "carrier-a"));
        assertEquals(2, acted.size());
        assertEquals("carrier-a disabled", changed.get(2));
    }

    @Test
    void healthIsDownWhenADirectionHasNoDestinationLeft() throws Exception {
        assertEquals(HealthStatus.Level.UP, admin.healthChecks().get(0).check().level());
        engine.registry().get("carriers", "carrier-a").disable();
        assertEquals(HealthStatus.Level.DEGRADED, admin.healthChecks().get(0).check().level());
        engine.registry().get("carriers", "carrier-b").disable();
        assertEquals(HealthStatus.Level.DOWN, admin.healthChecks().get(0).check().level());
    }

    @Test
    void rulesListTheTrunkGroupsSets() throws Exception {
        RoutingEngine routed = new RoutingEngine(RoutingProxyTest.config("degraded", 0, """
                trunk_groups:
                    - { name: tg, primary: premium, secondary: carriers }
                  rules:
                    - { name: us, number: '^1[0-9]+$', trunk_group: tg }"""), new FakeClock(),
                new SimpleMeterRegistry());
        DestinationsAdmin a = new DestinationsAdmin(routed);
        AdminRoute route = a.routes().stream().filter(r -> r.pathTemplate().equals("/api/v1/rules")).findFirst()
                .orElseThrow();
        JsonNode body = new ObjectMapper().readTree(route.handler().handle(
                new AdminRequest("GET", "/api/v1/rules", Map.of(), Map.of(), new byte[0])).body());
        assertEquals("us", body.get("rules").get(0).get("name").asText());
        assertEquals(List.of("premium", "carriers"),
                List.of(body.get("rules").get(0).get("sets").get(0).asText(),
                        body.get("rules").get(0).get("sets").get(1).asText()));
        assertEquals("carriers", body.get("default").get("outbound").asText());
    }
}
