package io.sipfront.daemon.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's log as text by default and as one JSON object per line with SIPFRONT_LOG_FORMAT=json. */
class JsonLogsTest {
    @TempDir
    Path dir;

    /** Configures a private Logback from the daemon's logback.xml, logs one line and returns stdout's lines. */
    private List<String> logOneLine(String format, String configResource) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            context.putProperty("SIPFRONT_AUDIT_DIR", dir.toString());
            if (format != null) {
                context.putProperty("SIPFRONT_LOG_FORMAT", format);
            }
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(context);
            joran.doConfigure(configResource.startsWith("/") ? Path.of(configResource).toUri().toURL()
                    : getClass().getResource("/" + configResource));
            // A warning or error while configuring makes Logback print its whole status at start: none may occur.
            assertEquals(List.of(), context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(st -> st.getLevel() >= ch.qos.logback.core.status.Status.WARN).map(Object::toString)
                    .toList());
            context.getLogger("io.sipfront.daemon.SipfrontDaemon").info("Sipfront ready: listening on {}", "udp:x");
            context.stop(); // flushes the asynchronous appender
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void textByDefault() throws Exception {
        List<String> lines = logOneLine(null, "logback.xml");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\\S+ INFO  \\[.*] i.s.daemon.SipfrontDaemon Sipfront ready: listening on udp:x"),
                lines.get(0));
    }

    @Test
    void jsonWhenAsked() throws Exception {
        List<String> lines = logOneLine("json", "logback.xml");
        assertEquals(1, lines.size(), lines.toString());
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertEquals("INFO", line.get("level").asText());
        assertEquals("io.sipfront.daemon.SipfrontDaemon", line.get("logger_name").asText());
        assertEquals("Sipfront ready: listening on udp:x", line.get("message").asText());
        assertTrue(line.has("@timestamp") && line.has("thread_name"), line.toString());
    }

    @Test
    void theInstalledConfigurationHonoursItToo() throws Exception {
        Path installed = Path.of(System.getProperty("user.dir")).getParent()
                .resolve("packaging/src/deb/etc/logback.xml");
        // Its call log is /var/log/sipfront/calls.log: moved into the test's directory, never the host's.
        Path copy = dir.resolve("logback.xml");
        Files.writeString(copy, Files.readString(installed).replace("/var/log/sipfront/", dir + "/"));
        List<String> lines = logOneLine("json", copy.toString());
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("INFO", new ObjectMapper().readTree(lines.get(0)).get("level").asText());
    }
}
