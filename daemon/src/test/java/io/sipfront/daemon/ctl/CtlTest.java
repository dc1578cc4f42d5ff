package io.sipfront.daemon.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.core.admin.AdminException;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.daemon.admin.AdminDispatcher;
import io.sipfront.daemon.admin.AdminServer;
import io.sipfront.daemon.admin.ApiToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sipfront ctl} against a real admin server on localhost whose routes are fakes standing in for the modules
 * (the destinations API belongs to the routing module): table, JSON, exit codes, token handling.
 */
class CtlTest {
    static final String TOKEN = "ctl-test-token-0123456789";

    private final List<String> actions = new ArrayList<>();
    private Map<String, Object> lastReload = new LinkedHashMap<>(Map.of("file", "/etc/sipfront/sipfront.yaml"));
    private final AdminExtension fakeRouting = () -> List.of(
            AdminRoute.get("/api/v1/destinations", r -> AdminReply.ok(destinations())),
            AdminRoute.post("/api/v1/destinations/{set}/{id}/{action}", r -> {
                if (!r.pathParam("set").equals("carriers")) {
                    throw new AdminException(404, "no destination set '" + r.pathParam("set") + "'");
                }
                actions.add(r.pathParam("action") + " " + r.pathParam("set") + "/" + r.pathParam("id"));
                return AdminReply.ok(Map.of("set", r.pathParam("set"), "id", r.pathParam("id"), "state", "draining"));
            }),
            AdminRoute.post("/api/v1/reload", r -> AdminReply.json(422, Map.of("error",
                    "/etc/sipfront/sipfront.yaml:12:7: routing.outbound: destination set 'x' does not exist",
                    "status", 422))),
            AdminRoute.get("/api/v1/reload", r -> AdminReply.ok(lastReload)),
            AdminRoute.get("/health", r -> AdminReply.json(503, Map.of("status", "DOWN", "ready", false,
                    "checks", List.of(Map.of("name", "store", "status", "DOWN", "detail", "gone"))))));
    private final AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0),
            AdminDispatcher.of(List.of(fakeRouting), ApiToken.of(TOKEN)));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<Map<String, Object>> destinations() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("set", "carriers");
        a.put("id", "carrier-a");
        a.put("uri", "sip:127.0.0.20:5060");
        a.put("state", "active");
        a.put("last_probe", Map.of("time", "2026-11-23T22:00:01Z", "code", 200, "rtt_ms", 3));
        a.put("suspect", true);
        a.put("calls_in_progress", 2);
        a.put("max_calls", 30);
        a.put("counters", Map.of("attempts", 10));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("set", "carriers");
        b.put("id", "carrier-b");
        b.put("uri", "sip:127.0.0.21:5060");
        b.put("state", "inactive");
        Map<String, Object> never = new LinkedHashMap<>();
        never.put("enabled", true);
        never.put("time", null);
        never.put("code", null);
        never.put("rtt_ms", null);
        b.put("last_probe", never);
        b.put("calls_in_progress", 0);
        return List.of(a, b);
    }

    @TempDir
    Path tokens;

    /** A token file holding {@code token}, as an operator keeps one. */
    private String tokenFile(String token) {
        try {
            Path f = Files.createTempFile(tokens, "token", "");
            Files.writeString(f, token + "\n");
            return f.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theTokenMayComeFromTheEnvironment() {
        CtlCommands withEnv = CtlCommands.standard(Map.of("SIPFRONT_TOKEN", TOKEN)::get);
        assertEquals(0, withEnv.run(new String[] {"drain", "carriers", "carrier-a", "--api", api()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                err.toString());
        assertEquals(List.of("drain carriers/carrier-a"), actions);
    }

    @Test
    void aTokenOnTheCommandLineIsRefused() {
        assertEquals(2, ctl("drain", "carriers", "carrier-a", "--api", api(), "--token", TOKEN));
        assertTrue(err.toString().contains("--token is not taken"), err.toString());
        assertTrue(err.toString().contains("--token-file FILE or the SIPFRONT_TOKEN environment variable"),
                err.toString());
        assertTrue(actions.isEmpty());
    }

    private String api() {
        return "http://127.0.0.1:" + server.localAddress().getPort();
    }

    private int ctl(String... args) {
        // No SIPFRONT_TOKEN: whatever the test's environment holds.
        return CtlCommands.standard(name -> null).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void statusPrintsOneAlignedRowPerDestination() {
        assertEquals(0, ctl("status", "--api", api()), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("SET"), lines.get(0));
        assertTrue(lines.get(1).matches("carriers\\s+carrier-a\\s+sip:127\\.0\\.0\\.20:5060\\s+active \\(suspect\\)\\s+"
                + "2026-11-23T22:00:01Z\\s+200\\s+3 ms\\s+2/30\\s+attempts=10"), lines.get(1));
        assertTrue(lines.get(2).matches("carriers\\s+carrier-b\\s+sip:127\\.0\\.0\\.21:5060\\s+inactive\\s+-\\s+-\\s+-"
                + "\\s+0\\s+-"), lines.get(2));
        assertEquals(lines.get(0).indexOf("STATE"), lines.get(1).indexOf("active"), "columns are aligned");
        assertEquals(lines.get(0).indexOf("CALLS"), lines.get(1).indexOf("2/30"), "columns are aligned");
    }

    @Test
    void statusJsonIsTheRawAnswer() {
        assertEquals(0, ctl("status", "--json", "--api", api()));
        assertTrue(out.toString().strip().startsWith("[{\"set\":\"carriers\""), out.toString());
    }

    @Test
    void drainSendsTheTokenAndNamesSetAndId() {
        assertEquals(0, ctl("drain", "carriers", "carrier-a", "--api", api(), "--token-file", tokenFile(TOKEN)), err.toString());
        assertEquals(List.of("drain carriers/carrier-a"), actions);
        assertEquals(0, ctl("enable", "--api=" + api(), "--token-file=" + tokenFile(TOKEN), "carriers", "carrier-b"));
        assertEquals(0, ctl("disable", "carriers", "carrier-b", "--api", api(), "--token-file", tokenFile(TOKEN)));
        assertEquals(List.of("drain carriers/carrier-a", "enable carriers/carrier-b", "disable carriers/carrier-b"),
                actions);
    }

    @Test
    void withoutTheTokenTheApisRefusalIsPrintedAndExitIs1() {
        assertEquals(1, ctl("drain", "carriers", "carrier-a", "--api", api()));
        assertTrue(err.toString().contains("\"status\":401"), err.toString());
        assertTrue(err.toString().contains("no token: give --token-file FILE or set SIPFRONT_TOKEN"), err.toString());
        assertEquals(1, ctl("drain", "carriers", "carrier-a", "--api", api(), "--token-file", tokenFile("wrong-token-wrong-token")));
        assertTrue(actions.isEmpty());
    }

    @Test
    void anUnknownSetIsThe404Printed() {
        assertEquals(1, ctl("drain", "nope", "x", "--api", api(), "--token-file", tokenFile(TOKEN)));
        assertTrue(err.toString().contains("{\"error\":\"no destination set 'nope'\",\"status\":404}"), err.toString());
    }

    @Test
    void aRefusedReloadPrintsTheConfigErrorAndExits1() {
        assertEquals(1, ctl("reload", "--api", api(), "--token-file", tokenFile(TOKEN)));
        assertTrue(err.toString().contains("sipfront.yaml:12:7: routing.outbound"), err.toString());
    }

    @Test
    void reloadStatusShowsTheLastAttemptAndExits1WhenItWasRefused() {
        lastReload.put("last", null);
        assertEquals(0, ctl("reload-status", "--api", api()), err.toString());
        assertEquals("no reload since the daemon started", out.toString().strip());
        out.reset();
        lastReload.put("last", Map.of("time", "2026-11-23T22:00:00Z", "trigger", "sighup", "ok", false,
                "error", "/etc/sipfront/sipfront.yaml:3:1: sip: missing required key 'listen'"));
        assertEquals(1, ctl("reload-status", "--api", api()));
        assertEquals("last reload: 2026-11-23T22:00:00Z (sighup) refused: /etc/sipfront/sipfront.yaml:3:1: sip: "
                + "missing required key 'listen'", out.toString().strip());
    }

    @Test
    void healthDownIsShownAndExits1() {
        assertEquals(1, ctl("health", "--api", api()));
        assertTrue(out.toString().startsWith("status: DOWN (not ready)"), out.toString());
        assertTrue(out.toString().contains("store: DOWN (gone)"), out.toString());
    }

    @Test
    void addressAndTokenComeFromTheConfigsAdminSection(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("api.token"), TOKEN + "\n");
        Path config = dir.resolve("sipfront.yaml");
        Files.writeString(config, "admin:\n  listen: 127.0.0.1:" + server.localAddress().getPort()
                + "\n  token_file: api.token\n");
        assertEquals(0, ctl("drain", "carriers", "carrier-a", "--config", config.toString()), err.toString());
        assertEquals(List.of("drain carriers/carrier-a"), actions);
    }

    @Test
    void aDaemonThatIsNotRunningIsExit2WithAClearMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        assertEquals(2, ctl("status", "--api", "http://127.0.0.1:" + port));
        assertTrue(err.toString().contains("cannot reach the Sipfront admin API at http://127.0.0.1:" + port),
                err.toString());
        assertTrue(err.toString().contains("is the daemon running?"), err.toString());
    }

    @Test
    void apiWinsOverAConfigALauncherAppended() {
        assertEquals(0, ctl("status", "--api", api(), "--config", "/nonexistent/sipfront.yaml"), err.toString());
    }

    @Test
    void usageMistakesAreExit2() {
        assertEquals(2, ctl());
        assertEquals(2, ctl("frobnicate"));
        assertEquals(2, ctl("drain", "carriers", "--api", api()));
        assertEquals(2, ctl("status", "--bogus", "--api", api()));
        assertEquals(2, ctl("status", "--config", "/nonexistent/sipfront.yaml"));
        assertTrue(err.toString().contains("sipfront ctl status [--json]"), err.toString());
        assertTrue(actions.isEmpty());
    }

    @Test
    void otherModulesRegisterTheirOwnCommands() {
        CtlCommands commands = CtlCommands.standard().register("rules", "rules ...  numbering rules",
                (args, o, e) -> {
                    o.println("rules got " + String.join(" ", args));
                    return 0;
                });
        assertEquals(0, commands.run(new String[] {"rules", "import", "x.csv"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("rules got rules import x.csv", out.toString().strip());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> commands.register("status", "dup", (a, o, e) -> 0));
    }
}
