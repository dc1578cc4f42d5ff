package io.sipfront.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code admin} section: defaults, every key, and each mistake at its line and column. */
class AdminSectionTest {
    /** Lines 1..21: a valid config without an admin section; the admin section under test starts at line 22. */
    static final String REST = ConfigErrorTest.SIP + ConfigErrorTest.REST;

    @Test
    void defaultsListenOnLocalhost9060WithATokenFileNextToTheConfig() throws Exception {
        AdminSettings a = ConfigLoader.parse(REST, "/etc/sipfront/sipfront.yaml", Path.of("/etc/sipfront/sipfront.yaml"))
                .admin();
        assertAll(() -> assertTrue(a.enabled()),
                () -> assertEquals(new InetSocketAddress("127.0.0.1", 9060), a.listen()),
                () -> assertNull(a.token()),
                () -> assertEquals(Path.of("/etc/sipfront/admin.token"), a.tokenFile()));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        AdminSettings a = ConfigLoader.parse(REST + """
                admin:
                  enabled: false
                  listen: "[::1]:9999"
                  token: 0123456789abcdef-long
                """, "x.yaml", Path.of("/srv/x.yaml")).admin();
        assertAll(() -> assertFalse(a.enabled()),
                () -> assertEquals(new InetSocketAddress("::1", 9999), a.listen()),
                () -> assertEquals("0123456789abcdef-long", a.token()),
                () -> assertNull(a.tokenFile()));
    }

    @Test
    void aRelativeTokenFileIsTakenFromTheConfigDirectory() throws Exception {
        AdminSettings a = ConfigLoader.parse(REST + "admin: { token_file: run/api.token }\n", "x.yaml",
                Path.of("/srv/conf/x.yaml")).admin();
        assertEquals(Path.of("/srv/conf/run/api.token"), a.tokenFile());
        AdminSettings b = ConfigLoader.parse(REST + "admin: { token_file: /var/lib/sipfront/t }\n", "x.yaml",
                Path.of("/srv/conf/x.yaml")).admin();
        assertEquals(Path.of("/var/lib/sipfront/t"), b.tokenFile());
    }

    @Test
    void unknownKeyIsRejectedWithASuggestion() {
        assertError(REST + "admin:\n  listn: 127.0.0.1:9060\n", 23, 3, "admin: unknown key 'listn'",
                "allowed keys: enabled, listen, token, token_file", "did you mean 'listen'?");
    }

    @Test
    void tokenAndTokenFileTogetherAreRejected() {
        assertError(REST + "admin:\n  token: 0123456789abcdef\n  token_file: t\n", 24, 15, "admin.token_file",
                "either token or token_file");
    }

    @Test
    void aShortTokenIsRejected() {
        assertError(REST + "admin:\n  token: secret\n", 23, 10, "admin.token", "6 characters long",
                "at least 16");
    }

    @Test
    void aTokenWithASpaceIsRejected() {
        assertError(REST + "admin:\n  token: \"0123456789 abcdef\"\n", 23, 10, "admin.token", "without spaces");
    }

    @Test
    void listenNeedsAPortAndAnIpLiteral() {
        assertError(REST + "admin:\n  listen: 127.0.0.1\n", 23, 11, "admin.listen", "has no port");
        assertError(REST + "admin:\n  listen: localhost:9060\n", 23, 11, "admin.listen");
        assertError(REST + "admin:\n  listen: 127.0.0.1:99999\n", 23, 11, "admin.listen", "out of range");
    }

    @Test
    void enabledMustBeABoolean() {
        assertError(REST + "admin:\n  enabled: maybe\n", 23, 12, "admin.enabled", "expected true or false");
    }

    @Test
    void ctlReadsTheAdminSectionEvenWhenTheRestIsBroken(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "routing: { inbound: nowhere }\nadmin: { listen: 127.0.0.1:9123, token_file: k }\n");
        AdminSettings a = ConfigLoader.loadAdmin(file);
        assertEquals(new InetSocketAddress("127.0.0.1", 9123), a.listen());
        assertEquals(dir.resolve("k").toAbsolutePath(), a.tokenFile());
    }

    @Test
    void ctlGetsTheDefaultsWhenThereIsNoAdminSection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, REST);
        assertEquals(AdminSettings.defaults(file), ConfigLoader.loadAdmin(file));
    }

    @Test
    void ctlReportsABadAdminSectionAtItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "admin:\n  listen: nowhere\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.loadAdmin(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("admin.listen"), e.getMessage());
    }

    private static void assertError(String yaml, int line, int column, String... fragments) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "a.yaml", null));
        assertAll(() -> assertEquals(line, e.line(), e.getMessage()),
                () -> assertEquals(column, e.column(), e.getMessage()),
                () -> {
                    for (String f : fragments) {
                        assertTrue(e.getMessage().contains(f), () -> "'" + e.getMessage() + "' should contain '" + f + "'");
                    }
                },
                () -> assertTrue(e.getMessage().startsWith("a.yaml:" + line + ":" + column + ": "), e.getMessage()));
    }
}
