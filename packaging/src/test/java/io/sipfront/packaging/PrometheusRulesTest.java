package io.sipfront.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shipped alert rules are valid for Prometheus ({@code promtool check rules}, Debian package prometheus) and
 * fire on the series they are written for ({@code promtool test rules} with sipfront-alerts-test.yml).
 */
@Timeout(120)
class PrometheusRulesTest {
    private static final Path DIR = Path.of(System.getProperty("user.dir")).resolve("prometheus");

    private static String promtool(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "promtool";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void theRulesAreValid() throws Exception {
        String out = promtool("check", "rules", "sipfront-alerts.yml");
        assertTrue(out.contains("SUCCESS: 8 rules found"), out);
    }

    @Test
    void theAlertsFireOnTheirSeries() throws Exception {
        assertTrue(promtool("test", "rules", "sipfront-alerts-test.yml").contains("SUCCESS"));
    }
}
