package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.CARRIER_B;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operations API of the real daemon: /health, /metrics after real calls, config reload through the API, SIGHUP
 * and {@code bin/sipfront ctl}; a bad file leaves the running config routing calls. The daemon runs on a copy of
 * loopback-udp.yaml with an admin section, which the tests rewrite.
 */
class AdminIT extends E2eBase {
    static final String API = "http://127.0.0.1:9060";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path config;
    private String original;

    @Override
    protected String configName() {
        return "loopback-udp.yaml";
    }

    @Override
    protected Path configFile(Path classDir) throws IOException {
        config = classDir.resolve("sipfront.yaml");
        original = Files.readString(E2e.config(configName()))
                + "admin:\n  listen: 127.0.0.1:9060\n  token_file: admin.token\n";
        Files.writeString(config, original);
        return config;
    }

    /** Every test starts and ends with the original file in effect. */
    @AfterEach
    void restoreConfig() throws Exception {
        replaceConfig(original);
        HttpResponse<String> r = post("/api/v1/reload", token());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** A gauge on an object nothing holds strongly reads NaN once the daemon has collected it. */
    @Test
    void everyMeterReadsANumberAfterAFullGc() throws Exception {
        callThrough(CARRIER_A, "gc", 1);
        Process gc = new ProcessBuilder("jcmd", Long.toString(sipfront.pid()), "GC.run").redirectErrorStream(true)
                .start();
        String out = new String(gc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gc.waitFor(30, TimeUnit.SECONDS) && gc.exitValue() == 0, out);
        String metrics = get("/metrics").body();
        List<String> nan = metrics.lines().filter(l -> !l.startsWith("#") && l.endsWith(" NaN")).toList();
        assertTrue(nan.isEmpty(), () -> "meters reading NaN after a GC: " + nan);
        assertTrue(metrics.contains("sipfront_transactions "), metrics);
    }

    @Test
    void healthIsUpAndMetricsCountTheCalls() throws Exception {
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().startsWith("{\"status\":\"UP\",\"ready\":true"), health.body());
        assertEquals(200, get("/health/ready").statusCode());
        assertEquals(200, get("/health/live").statusCode());

        String answered = "sipfront_calls_total{class=\"2xx\",direction=\"outbound\"}";
        double before = metric(get("/metrics").body(), answered);
        callThrough(CARRIER_A, "metrics", 3);
        String metrics = get("/metrics").body();
        assertEquals(before + 3, metric(metrics, answered), 0.0, metrics);
        assertTrue(metric(metrics, "sipfront_sip_requests_received_total") >= 9, "INVITE, ACK, BYE per call");
        assertTrue(metric(metrics, "sipfront_transport_messages_received_total{transport=\"udp\"}") >= 9);
        for (String name : List.of("sipfront_transactions ", "sipfront_sip_parse_errors_total{outcome=\"rejected\"}",
                "jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage")) {
            assertTrue(metrics.contains(name), () -> "missing " + name);
        }
    }

    @Test
    void aValidReloadThroughTheApiRoutesNewCallsByTheNewFile() throws Exception {
        // carrier-b becomes the first choice.
        replaceConfig(original.replace("priority: 1 }", "priority: 9 }"));
        HttpResponse<String> r = post("/api/v1/reload", token());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"ok\":true"), r.body());
        callThrough(CARRIER_B, "reloaded", 1);
    }

    @Test
    void aBadFileThroughTheApiIsRefusedWithItsPositionAndTheOldConfigKeepsRouting() throws Exception {
        String bad = original.replace("proxy: {", "proxy: { max_attempt: 2,");
        int line = lineOf(bad, "proxy: {");
        replaceConfig(bad);
        HttpResponse<String> r = post("/api/v1/reload", token());
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains(config + ":" + line + ":"), r.body());
        assertTrue(r.body().contains("unknown key 'max_attempt'"), r.body());
        HttpResponse<String> last = get("/api/v1/reload");
        assertTrue(last.body().contains("\"ok\":false"), last.body());
        assertTrue(sipfront.awaitLogLine(l -> l.contains("refused, the running config stays: " + config + ":" + line + ":"),
                Duration.ofSeconds(3)).isPresent(), withLog("the refusal is logged with file:line:col"));
        callThrough(CARRIER_A, "badapi", 1);
    }

    @Test
    void aBadFileOnSighupIsRefusedAndReportedAndTheOldConfigKeepsRouting() throws Exception {
        replaceConfig(original.replace("routing: { inbound: platform, outbound: carriers }",
                "routing: { inbound: platform, outbound: carrierz }"));
        // The file watcher sees the save first; wait for its verdict so the SIGHUP one can be told apart.
        awaitLastReload(b -> b.contains("\"trigger\":\"file-change\"") && b.contains("\"ok\":false"));
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(sipfront.pid())).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -HUP failed");
        String body = awaitLastReload(b -> b.contains("\"trigger\":\"sighup\""));
        assertTrue(body.contains("\"ok\":false") && body.contains("carrierz"), body);
        assertTrue(sipfront.awaitLogLine(l -> l.contains("config reload (sighup) refused"), Duration.ofSeconds(3))
                .isPresent(), withLog("SIGHUP's refusal is logged"));
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode(), "a stale config still serves");
        assertTrue(health.body().contains("\"status\":\"DEGRADED\"") && health.body().contains("carrierz"),
                health.body());
        CtlRun status = ctl("reload-status", "--config", config.toString());
        assertEquals(1, status.exit, status.output);
        assertTrue(status.output.contains("(sighup) refused: " + config + ":"), status.output);
        callThrough(CARRIER_A, "badhup", 1);
    }

    @Test
    void mutatingCallsNeedTheToken() throws Exception {
        HttpResponse<String> none = post("/api/v1/reload", null);
        assertEquals(401, none.statusCode());
        assertTrue(none.body().startsWith("{\"error\":") && none.body().contains("\"status\":401"), none.body());
        assertEquals(401, post("/api/v1/reload", "not-the-token-at-all").statusCode());
        HttpResponse<String> missing = get("/api/v1/nothing");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"no such path: /api/v1/nothing\",\"status\":404}", missing.body());
    }

    @Test
    void ctlReloadsWithTheTokenFromTheConfigAndIsRefusedWithout() throws Exception {
        CtlRun ok = ctl("reload", "--config", config.toString());
        assertEquals(0, ok.exit, ok.output);
        assertTrue(ok.output.contains("reloaded " + config), ok.output);

        CtlRun noToken = ctl("reload", "--api", API);
        assertEquals(1, noToken.exit, noToken.output);
        assertTrue(noToken.output.contains("\"status\":401"), noToken.output);

        CtlRun health = ctl("health", "--config", config.toString());
        assertEquals(0, health.exit, health.output);
        assertTrue(health.output.startsWith("status: UP"), health.output);

        replaceConfig(original.replace("proxy: {", "proxy: { max_attempt: 2,"));
        CtlRun bad = ctl("reload", "--config", config.toString());
        assertEquals(1, bad.exit, bad.output);
        assertTrue(bad.output.contains("unknown key 'max_attempt'"), bad.output);
    }

    @Test
    void ctlSaysWhenTheDaemonIsNotThere() throws Exception {
        CtlRun r = ctl("status", "--api", "http://127.0.0.1:9061");
        assertEquals(2, r.exit, r.output);
        assertTrue(r.output.contains("is the daemon running?"), r.output);
    }

    // ---- helpers ----

    private void callThrough(String expectedCarrier, String prefix, int calls) throws Exception {
        try (Run a = uas("uas.xml", "carrier-a-" + prefix).local(CARRIER_A).start();
             Run b = uas("uas.xml", "carrier-b-" + prefix).local(CARRIER_B).start()) {
            Result caller = uac("uac.xml", "platform-" + prefix).local(PLATFORM_1).calls(calls).rate(5)
                    .callIdPrefix(prefix).start().await(SHORT_RUN);
            Result ra = a.stop();
            Result rb = b.stop();
            caller.assertAllSucceeded(calls);
            Result used = expectedCarrier.equals(CARRIER_A) ? ra : rb;
            Result unused = expectedCarrier.equals(CARRIER_A) ? rb : ra;
            assertEquals(calls, used.counter("invite"), () -> withLog(used.evidence()));
            assertEquals(0, unused.counter("invite"), () -> withLog("calls went to the wrong carrier"));
        }
    }

    /** Written beside and renamed over, as editors do, so no reader ever sees half a file. */
    private void replaceConfig(String text) throws IOException {
        Path tmp = config.resolveSibling(".sipfront.yaml.tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String awaitLastReload(Predicate<String> test) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get("/api/v1/reload").body();
            if (test.test(body)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(withLog("no matching reload attempt within " + WAIT + "; last: " + body));
    }

    private String token() throws IOException {
        return Files.readString(config.resolveSibling("admin.token")).strip();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(API + path)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(API + path)).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(text);
        assertTrue(m.find(), () -> "no sample " + name);
        return Double.parseDouble(m.group(1));
    }

    private static int lineOf(String text, String fragment) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + fragment);
    }

    private record CtlRun(int exit, String output) {
    }

    /** {@code bin/sipfront ctl ...} as an operator runs it; output and errors together. */
    private CtlRun ctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(E2e.home().resolve("bin/sipfront").toString(), "ctl"));
        command.addAll(List.of(args));
        Path out = testDir().resolve("ctl-" + args[0] + "-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ctl " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new CtlRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
