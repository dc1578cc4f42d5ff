package io.sipfront.daemon.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipfront.config.SipfrontConfig;
import io.sipfront.daemon.SipfrontSections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every section a reload cannot apply is named when it changed, module sections included; an unchanged file (the
 * shipped default, with its normalization section) names nothing, and the sections a reload applies are not named.
 */
class RestartOnlySettingsTest {
    @TempDir
    Path dir;

    private static final String HA = """
            ha:
              node_id: node1
              priority: 200
              bind: 127.0.0.1:5099
              peer: 127.0.0.2:5099
              key: "0123456789abcdef0123"
              vip: { address: 127.0.0.100, prefix: 8, interface: lo }
            """;

    private SipfrontConfig load(String text) throws Exception {
        Path f = dir.resolve("sipfront-" + Integer.toHexString(text.hashCode()) + ".yaml");
        Files.writeString(f, text);
        return SipfrontSections.load(f);
    }

    private static String shipped() throws Exception {
        Path home = Path.of(System.getProperty("user.dir")).getParent();
        return Files.readString(home.resolve("config/sipfront.yaml"))
                .replace("sqlite_file: data/numbering.db", "sqlite_file: numbering.db");
    }

    @Test
    void anUnchangedFileNeedsNoRestart() throws Exception {
        assertEquals(List.of(), RestartOnlySettings.changed(load(shipped()), load(shipped() + "\n")));
    }

    @Test
    void moduleSectionsThatChangedAreNamed() throws Exception {
        String base = shipped();
        String next = base.replace("region: GB\n      outbound_format: e164", "region: DE\n      outbound_format: e164")
                + "redis: { addresses: [127.0.0.1:6380] }\nhep: { collector: 127.0.0.1:9061 }\n" + HA;
        assertEquals(List.of("normalization", "redis", "ha", "hep"),
                RestartOnlySettings.changed(load(base), load(next)));
    }

    @Test
    void whatAReloadAppliesIsNotNamed() throws Exception {
        String base = shipped();
        String next = base.replace("priority: 2", "priority: 0").replace("[127.0.0.21]", "[127.0.0.21, 127.0.0.22]");
        assertEquals(List.of(), RestartOnlySettings.changed(load(base), load(next)));
    }
}
