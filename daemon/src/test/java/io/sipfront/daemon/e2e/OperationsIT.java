package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A daemon on the shipped default config (config/sipfront.yaml, copied so its relative files land in the test's
 * directory) after one call: every metric the Grafana dashboard names is on {@code /metrics}, HA ones included
 * although HA is not configured, and the call left exactly one call record.
 */
class OperationsIT extends E2eBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path config;

    @Override
    protected String configName() {
        return "sipfront.yaml";
    }

    @Override
    protected Path configFile(Path classDir) throws IOException {
        config = classDir.resolve("sipfront.yaml");
        Files.copy(E2e.home().resolve("config/sipfront.yaml"), config);
        return config;
    }

    private static String metrics() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9060/metrics"))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** Every {@code sipfront_…} series name in the dashboard's queries. */
    static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard = JSON.readTree(E2e.home().resolve("packaging/grafana/sipfront-dashboard.json").toFile());
        Set<String> names = new TreeSet<>();
        Pattern metric = Pattern.compile("sipfront_[a-z_]+");
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher m = metric.matcher(expr.asText());
            while (m.find()) {
                names.add(m.group());
            }
        }
        for (JsonNode q : dashboard.findValues("definition")) {
            Matcher m = metric.matcher(q.asText());
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    @Test
    void oneCallThenEveryDashboardMetricExistsAndOneCallRecordIsWritten() throws Exception {
        try (Run carrier = uas("uas.xml", "carrier-a").local(CARRIER_A).start()) {
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).calls(1).hold(Duration.ofMillis(200))
                    .callIdPrefix("ops").start().await(SHORT_RUN);
            carrier.stop();
            caller.assertAllSucceeded(1);
        }
        String metrics = metrics();
        Set<String> names = dashboardMetrics();
        assertTrue(names.size() >= 20 && names.contains("sipfront_ha_master"), names.toString());
        List<String> missing = names.stream()
                .filter(n -> !Pattern.compile("(?m)^" + n + "[{ ]").matcher(metrics).find()).toList();
        assertEquals(List.of(), missing, () -> "dashboard metrics missing from /metrics:\n" + metrics);
        assertTrue(metrics.contains("sipfront_destination_attempts_total{carrier=\"carrier-a\",id=\"carrier-a\","
                + "set=\"carriers\"} 1.0"), metrics);
        assertTrue(metrics.contains("sipfront_ha_master 0.0"), "HA meters read 0 without HA");

        Path cdr = config.getParent().resolve("cdr.json");
        List<String> records = List.of();
        for (int i = 0; i < 100 && records.isEmpty(); i++) {
            records = Files.exists(cdr) ? Files.readAllLines(cdr) : List.of();
            Thread.sleep(50); // the record goes through Logback's asynchronous appender
        }
        assertEquals(1, records.size(), records.toString());
        JsonNode r = JSON.readTree(records.get(0));
        assertTrue(r.get("call_id").asText().startsWith("ops-1-"), r.toString());
        assertEquals("answered", r.get("disposition").asText());
        assertEquals("caller", r.get("hangup").asText());
        assertEquals("carrier-a", r.get("carrier").asText());
        assertEquals("outbound", r.get("direction").asText());
        assertTrue(r.get("duration_ms").asLong() >= 150, r.toString());
        assertEquals(1, r.get("attempts").size());
    }
}
