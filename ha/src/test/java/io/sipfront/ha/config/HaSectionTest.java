package io.sipfront.ha.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.ConfigSections;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.testing.MinimalConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ha} section: defaults, the shipped two-node files, and one test per kind of mistake. */
class HaSectionTest {
    /** Base document: the ha section starts at line 1, its keys on lines 2.. */
    static final String HA = """
            ha:
              node_id: node1
              priority: 200
              bind: 10.77.0.11:5099
              peer: 10.77.0.12:5099
              key: "0123456789abcdef"
              vip:
                address: 10.77.0.100
                prefix: 24
                interface: eth0
            """;

    static final ConfigSections SECTIONS = ConfigSections.of(HaSection.SECTION);

    static SipfrontConfig parse(String ha) throws ConfigException {
        return ConfigLoader.parse(ha + MinimalConfig.SIP + MinimalConfig.REST, "ha.yaml", null, SECTIONS);
    }

    static Optional<HaSettings> ha(SipfrontConfig config) {
        return config.section(HaSection.SECTION);
    }

    static String error(String ha) {
        return assertThrows(ConfigException.class, () -> parse(ha)).getMessage();
    }

    @Test
    void aConfigWithoutTheSectionIsASingleNode() throws Exception {
        assertEquals(Optional.empty(), ha(parse("")));
    }

    @Test
    void defaultsFollowVrrp() throws Exception {
        HaSettings ha = ha(parse(HA)).orElseThrow();
        assertEquals("node1", ha.nodeId());
        assertEquals(new InetSocketAddress(InetAddress.getByName("10.77.0.11"), 5099), ha.bind());
        assertArrayEquals("0123456789abcdef".getBytes(StandardCharsets.UTF_8), ha.key());
        assertEquals(100, ha.advertIntervalMs());
        // 3 adverts + (256 - 200) * 100 / 256
        assertEquals(321, ha.deadIntervalMs());
        assertTrue(ha.preempt());
        assertEquals(0, ha.preemptDelayMs());
        assertEquals(new HaSettings.Vip(InetAddress.getByName("10.77.0.100"), 24, "eth0", 3), ha.vip());
        assertTrue(ha.freebind());
        assertTrue(ha.trackSipListener());
        assertEquals(List.of(), ha.notifyCommand());
    }

    @Test
    void theKeyMayComeFromAFile(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("ha.key");
        Files.writeString(key, "a-key-from-a-file-0123\n");
        HaSettings ha = ha(parse(HA.replace("  key: \"0123456789abcdef\"\n", "  key_file: " + key + "\n")))
                .orElseThrow();
        assertArrayEquals("a-key-from-a-file-0123".getBytes(StandardCharsets.UTF_8), ha.key());
    }

    @Test
    void relativePathsAreTakenFromTheConfigFilesDirectory(@TempDir Path dir) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(etc.resolve("keys"));
        Files.writeString(etc.resolve("keys/ha.key"), "a-key-next-to-the-config\n");
        Path config = etc.resolve("sipfront.yaml");
        Files.writeString(config, HA.replace("  key: \"0123456789abcdef\"\n", "  key_file: keys/ha.key\n"
                + "  pid_file: run/sipfront.pid\n  data_dir: state\n") + MinimalConfig.SIP + MinimalConfig.REST);
        HaSettings ha = ha(ConfigLoader.load(config, SECTIONS)).orElseThrow();
        assertArrayEquals("a-key-next-to-the-config".getBytes(StandardCharsets.UTF_8), ha.key(),
                "read from etc/keys/, not from the working directory");
        assertEquals(Optional.of(etc.resolve("run/sipfront.pid").toAbsolutePath()), ha.pidFile());
        assertEquals(Optional.of(etc.resolve("state").toAbsolutePath()), ha.dataDir());
    }

    @Test
    void theShippedTwoNodeFilesDescribeTheTopology() throws Exception {
        for (String name : List.of("ha-node1", "ha-node2", "ha-node1-nopreempt", "ha-node2-nopreempt")) {
            SipfrontConfig config = ConfigLoader.load(Path.of("../config/examples/" + name + ".yaml"), SECTIONS);
            HaSettings ha = ha(config).orElseThrow();
            boolean one = name.startsWith("ha-node1");
            assertEquals(one ? "node1" : "node2", ha.nodeId(), name);
            assertEquals(one ? 200 : 100, ha.priority(), name);
            assertEquals(InetAddress.getByName(one ? "10.77.0.11" : "10.77.0.12"), ha.bind().getAddress(), name);
            assertEquals(InetAddress.getByName(one ? "10.77.0.12" : "10.77.0.11"), ha.peer().getAddress(), name);
            assertEquals(new HaSettings.Vip(InetAddress.getByName("10.77.0.100"), 24, "eth0", 3), ha.vip(), name);
            assertEquals(!name.endsWith("nopreempt"), ha.preempt(), name);
            assertEquals("10.77.0.100", config.sip().advertisedHost(), name);
            assertEquals(InetAddress.getByName("10.77.0.100"), config.sip().listen().get(0).address(), name);
            assertEquals(5060, config.sip().listen().get(0).port(), name);
            assertTrue(ha.pidFile().orElseThrow().toString().contains(ha.nodeId()), name);
            assertTrue(ha.freebind(), name);
        }
        assertEquals(2000, ha(ConfigLoader.load(Path.of("../config/examples/ha-node1.yaml"), SECTIONS))
                .orElseThrow().preemptDelayMs());
    }

    @Test
    void unknownKeysAreRejectedWithASuggestion() {
        String e = error(HA + "  advert_intervall_ms: 100\n");
        assertTrue(e.startsWith("ha.yaml:11:3: ha: unknown key 'advert_intervall_ms'"), e);
        assertTrue(e.contains("did you mean 'advert_interval_ms'"), e);
    }

    @Test
    void priorityMustLeaveRoomForVrrpsReservedValues() {
        assertTrue(error(HA.replace("priority: 200", "priority: 255")).startsWith(
                "ha.yaml:3:13: ha.priority: 255 is out of range 1..254"), error(HA.replace("priority: 200",
                "priority: 255")));
    }

    @Test
    void aShortKeyIsRefused() {
        String e = error(HA.replace("0123456789abcdef", "short"));
        assertTrue(e.startsWith("ha.yaml:6:8: ha.key: the shared key has 5 bytes; at least 16"), e);
    }

    @Test
    void keyAndKeyFileExcludeEachOther() {
        String e = error(HA + "  key_file: /etc/sipfront/ha.key\n");
        assertTrue(e.contains("exactly one of key and key_file is required"), e);
        String missing = error(HA.replace("  key: \"0123456789abcdef\"\n", ""));
        assertTrue(missing.contains("exactly one of key and key_file is required"), missing);
    }

    @Test
    void thePeerNeedsAPort() {
        String e = error(HA.replace("peer: 10.77.0.12:5099", "peer: 10.77.0.12"));
        assertTrue(e.startsWith("ha.yaml:5:9: ha.peer: '10.77.0.12' needs a port"), e);
    }

    @Test
    void theDeadIntervalMustExceedTheAdvertInterval() {
        String e = error(HA + "  dead_interval_ms: 100\n");
        assertTrue(e.startsWith("ha.yaml:11:21: ha.dead_interval_ms: dead_interval_ms (100) must be >"), e);
    }

    @Test
    void preemptDelayWithoutPreemptIsAMistake() {
        String e = error(HA + "  preempt: false\n  preempt_delay_ms: 1000\n");
        assertTrue(e.contains("preempt_delay_ms has no effect with preempt: false"), e);
    }

    @Test
    void theVipNeedsItsInterface() {
        String e = error(HA.replace("    interface: eth0\n", ""));
        assertTrue(e.startsWith("ha.yaml:7:3: ha.vip: missing required key 'interface'"), e);
        assertFalse(e.isEmpty());
    }
}
