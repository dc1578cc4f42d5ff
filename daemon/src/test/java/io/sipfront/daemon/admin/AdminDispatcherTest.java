package io.sipfront.daemon.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipfront.core.admin.AdminException;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRequest;
import io.sipfront.core.admin.AdminRoute;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Routing, path templates, the token and the JSON error shape, without a socket. */
class AdminDispatcherTest {
    static final String TOKEN = "0123456789abcdef0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<AdminRequest> seen = new AtomicReference<>();

    private final AdminExtension destinations = () -> List.of(
            AdminRoute.get("/api/v1/destinations", r -> AdminReply.ok(List.of())),
            AdminRoute.post("/api/v1/destinations/{set}/{id}/drain", this::drain),
            AdminRoute.get("/api/v1/destinations/{set}/{id}", r -> record(r)),
            AdminRoute.get("/api/v1/destinations/special/status", r -> AdminReply.ok(Map.of("literal", true))),
            AdminRoute.get("/api/v1/boom", r -> {
                throw new IllegalStateException("bug");
            }));

    private final AdminDispatcher dispatcher = AdminDispatcher.of(List.of(destinations), ApiToken.of(TOKEN));

    private AdminReply record(AdminRequest r) {
        seen.set(r);
        return AdminReply.ok(r.pathParams());
    }

    private AdminReply drain(AdminRequest r) throws AdminException {
        seen.set(r);
        if (!r.pathParam("set").equals("carriers")) {
            throw new AdminException(404, "no destination set '" + r.pathParam("set") + "'");
        }
        return AdminReply.ok(Map.of("drained", r.pathParam("id")));
    }

    @Test
    void pathParametersAreDecodedAndHandedToTheHandler() {
        AdminReply reply = dispatcher.dispatch("GET", "/api/v1/destinations/car%20riers/a-1?verbose=1&verbose=2",
                null, new byte[0]);
        assertEquals(200, reply.status());
        assertEquals(Map.of("set", "car riers", "id", "a-1"), seen.get().pathParams());
        assertEquals("2", seen.get().queryParam("verbose").orElseThrow(), "the last value of a repeated parameter wins");
    }

    @Test
    void aTrailingSlashIsTheSamePath() {
        assertEquals(200, dispatcher.dispatch("GET", "/api/v1/destinations/", null, new byte[0]).status());
    }

    @Test
    void aLiteralSegmentWinsOverAParameter() throws Exception {
        AdminReply reply = dispatcher.dispatch("GET", "/api/v1/destinations/special/status", null, new byte[0]);
        assertEquals(true, json(reply).path("literal").asBoolean());
    }

    @Test
    void unknownPathIs404Json() throws Exception {
        assertError(dispatcher.dispatch("GET", "/api/v2/nothing", null, new byte[0]), 404, "no such path: /api/v2/nothing");
        assertError(dispatcher.dispatch("GET", "/api/v1/destinations/a/b/c/d", null, new byte[0]), 404, "no such path");
    }

    @Test
    void wrongMethodIs405NamingTheAllowedOnes() throws Exception {
        assertError(dispatcher.dispatch("DELETE", "/api/v1/destinations", null, new byte[0]), 405, "allowed: GET");
        assertError(dispatcher.dispatch("GET", "/api/v1/destinations/carriers/a/drain", null, new byte[0]), 405,
                "allowed: POST");
    }

    @Test
    void mutatingRouteWithoutTokenIs401AndTheHandlerDoesNotRun() throws Exception {
        assertError(dispatcher.dispatch("POST", "/api/v1/destinations/carriers/a/drain", null, new byte[0]), 401,
                "Authorization: Bearer");
        assertEquals(null, seen.get());
    }

    @Test
    void mutatingRouteWithAWrongTokenIs401() throws Exception {
        for (String auth : List.of("Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Basic " + TOKEN,
                "Bearer ", TOKEN)) {
            assertError(dispatcher.dispatch("POST", "/api/v1/destinations/carriers/a/drain", auth, new byte[0]), 401,
                    "");
        }
        assertEquals(null, seen.get());
    }

    @Test
    void mutatingRouteWithTheTokenRuns() throws Exception {
        AdminReply reply = dispatcher.dispatch("POST", "/api/v1/destinations/carriers/a/drain", "Bearer " + TOKEN,
                new byte[0]);
        assertEquals(200, reply.status());
        assertEquals("a", json(reply).path("drained").asText());
        assertEquals(200, dispatcher.dispatch("POST", "/api/v1/destinations/carriers/a/drain", "bearer " + TOKEN,
                new byte[0]).status(), "the scheme name is case-insensitive (RFC 7235)");
    }

    @Test
    void handlerRefusalKeepsItsStatus() throws Exception {
        assertError(dispatcher.dispatch("POST", "/api/v1/destinations/nope/a/drain", "Bearer " + TOKEN, new byte[0]),
                404, "no destination set 'nope'");
    }

    @Test
    void handlerBugIs500Json() throws Exception {
        assertError(dispatcher.dispatch("GET", "/api/v1/boom", null, new byte[0]), 500, "internal error");
    }

    @Test
    void malformedEscapeIs400() throws Exception {
        assertError(dispatcher.dispatch("GET", "/api/v1/destinations/%zz/a", null, new byte[0]), 400, "malformed");
    }

    @Test
    void withoutATokenEveryMutatingCallIsRefusedWithTheReason() throws Exception {
        AdminDispatcher d = AdminDispatcher.of(List.of(destinations), ApiToken.unavailable("cannot create /x/t"));
        assertError(d.dispatch("POST", "/api/v1/destinations/carriers/a/drain", "Bearer anything", new byte[0]), 401,
                "cannot create /x/t");
        assertEquals(200, d.dispatch("GET", "/api/v1/destinations", null, new byte[0]).status(),
                "reading needs no token");
    }

    @Test
    void twoRoutesOfTheSameShapeAreRefusedAtStart() {
        AdminExtension other = () -> List.of(AdminRoute.post("/api/v1/destinations/{a}/{b}/drain", r -> null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdminDispatcher.of(List.of(destinations, other), ApiToken.of(TOKEN)));
        assertTrue(e.getMessage().contains("POST /api/v1/destinations/{a}/{b}/drain"), e.getMessage());
        assertTrue(e.getMessage().contains("clashes with POST /api/v1/destinations/{set}/{id}/drain"), e.getMessage());
    }

    @Test
    void sameTemplateWithAnotherMethodIsNoClash() {
        AdminExtension other = () -> List.of(AdminRoute.post("/api/v1/destinations", r -> AdminReply.ok("made")));
        AdminDispatcher d = AdminDispatcher.of(List.of(destinations, other), ApiToken.of(TOKEN));
        assertEquals(200, d.dispatch("POST", "/api/v1/destinations", "Bearer " + TOKEN, new byte[0]).status());
    }

    @Test
    void malformedTemplatesAreRefused() {
        for (String t : List.of("/a//b", "/a/{}", "/a/x{y}")) {
            AdminExtension bad = () -> List.of(AdminRoute.get(t, r -> null));
            assertThrows(IllegalArgumentException.class, () -> AdminDispatcher.of(List.of(bad), ApiToken.of(TOKEN)), t);
        }
    }

    static JsonNode json(AdminReply reply) throws Exception {
        assertEquals("application/json", reply.contentType());
        return JSON.readTree(reply.body());
    }

    static void assertError(AdminReply reply, int status, String fragment) throws Exception {
        assertEquals(status, reply.status(), new String(reply.body()));
        JsonNode body = json(reply);
        assertEquals(status, body.path("status").asInt());
        assertTrue(body.path("error").asText().contains(fragment), body.toString());
    }
}
