package io.sipfront.normalization.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.ConfigSections;
import io.sipfront.normalization.config.NormalizationSection;
import io.sipfront.redis.RedisSection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ctl commands against a real SQLite store named by a real config file, no daemon running. */
class NumberingCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path config() throws Exception {
        Path c = dir.resolve("sipfront.yaml");
        Files.writeString(c, """
                sip: { listen: [udp:127.0.0.1:5060] }
                sources:
                  platform: [127.0.0.10]
                  carriers:
                    - { name: carrier-a, addresses: [127.0.0.20] }
                    - { name: carrier-b, addresses: [127.0.0.21] }
                routing: { inbound: platform, outbound: carriers }
                destination_sets:
                  - { name: platform, algorithm: round-robin, destinations: [{ id: p1, uri: "sip:127.0.0.10" }] }
                  - { name: carriers, algorithm: priority, destinations: [{ id: a, uri: "sip:127.0.0.20" }] }
                normalization:
                  sqlite_file: %s
                  carriers:
                    - { name: carrier-a, region: GB, outbound_format: e164 }
                """.formatted(dir.resolve("numbering.db")));
        return c;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return NumberingCli.run(ConfigSections.of(NormalizationSection.SECTION, RedisSection.SECTION), args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importThenNormalizeThenExport() throws Exception {
        Path c = config();
        Path csv = dir.resolve("b.csv");
        Files.writeString(csv, "carrier,direction,field,match,replace\ncarrier-b,setting,region,GB,\n"
                + "carrier-b,setting,outbound_format,international-00,\ncarrier-b,inbound,both,^00,+\n");
        assertEquals(0, run("rules", "import", "--carrier", "carrier-b", "--config", c.toString(), csv.toString()),
                err());
        assertTrue(out().contains("imported 1 rules for carrier-b"), out());

        assertEquals(0, run("normalize", "--carrier", "carrier-b", "--direction", "inbound", "--config",
                c.toString(), "0044 20 7946 0000"), err());
        assertTrue(out().startsWith("+442079460000\n"), out());
        assertTrue(out().contains("fired: rule 1 (inbound both ^00 -> +)"), out());

        assertEquals(0, run("normalize", "--carrier", "carrier-b", "--direction", "outbound", "--config",
                c.toString(), "+442079460000"));
        assertTrue(out().startsWith("00442079460000\n"), out());

        Path yaml = dir.resolve("b.yaml");
        assertEquals(0, run("rules", "export", "--carrier", "carrier-b", "--config", c.toString(), yaml.toString()));
        String exported = Files.readString(yaml);
        assertTrue(exported.contains("outbound_format: international-00") && exported.contains("match: '^00'"),
                exported);
    }

    @Test
    void configPlansSeedTheStoreForTheCli() throws Exception {
        assertEquals(0, run("normalize", "--carrier", "carrier-a", "--direction", "inbound", "--config",
                config().toString(), "020 7946 0000"), err());
        assertTrue(out().startsWith("+442079460000\n"), out());
        assertTrue(out().contains("fired: e164 (GB)"), out());
    }

    @Test
    void aBadImportNamesTheLineAndAppliesNothing() throws Exception {
        Path c = config();
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "region: GB\noutbound_format: national\n");
        assertEquals(0, run("rules", "import", "--carrier", "carrier-b", "--config", c.toString(), good.toString()));
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "region: GB\noutbound_format: e164\nrules:\n  - direction: inbound\n"
                + "    match: '^0'\n  - direction: inbound\n    match: '(('\n");
        assertEquals(1, run("rules", "import", "--carrier", "carrier-b", "--config", c.toString(), bad.toString()));
        assertTrue(err().startsWith(bad + ":6: match: '((' is not a valid regular expression"), err());
        assertTrue(err().contains("nothing imported"), err());
        assertEquals(0, run("normalize", "--carrier", "carrier-b", "--direction", "outbound", "--config",
                c.toString(), "+442079460000"));
        assertTrue(out().startsWith("02079460000\n"), "the earlier plan is untouched: " + out());
    }

    @Test
    void anInvalidNumberExitsOneAndSaysSo() throws Exception {
        assertEquals(1, run("normalize", "--carrier", "carrier-a", "--direction", "inbound", "--config",
                config().toString(), "CALL-ME"));
        assertTrue(out().contains("valid: no (pass)"), out());
    }

    @Test
    void usageMistakesExitTwo() throws Exception {
        assertEquals(2, run("rules", "import", "x.csv"));
        assertEquals(2, run("normalize", "--carrier", "carrier-a", "123"));
        assertEquals(2, run("rules", "delete", "--carrier", "carrier-a", "x.csv"));
        assertTrue(err().contains("usage: sipfront ctl rules"), err());
    }

    @Test
    void anUnknownCarrierIsRefused() throws Exception {
        Path csv = dir.resolve("z.csv");
        Files.writeString(csv, "carrier,direction,field,match,replace\n");
        assertEquals(1, run("rules", "import", "--carrier", "carrier-z", "--config", config().toString(),
                csv.toString()));
        assertTrue(err().contains("unknown carrier 'carrier-z'"), err());
    }
}
