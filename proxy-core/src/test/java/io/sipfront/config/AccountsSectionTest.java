package io.sipfront.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.core.testing.MinimalConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code accounts} section: passwords from a file or the environment only, and each mistake at its place. */
class AccountsSectionTest {
    /** Lines 1..21; the accounts section starts at line 22. */
    static final String BASE = MinimalConfig.SIP + MinimalConfig.REST;
    static final ConfigSections SECTIONS = ConfigSections.of(AccountsSection.SECTION);
    static final String SECRET = "Very-Secret-9d1";

    @TempDir
    Path dir;

    private Accounts load(String accounts, Map<String, String> env) throws Exception {
        Path file = dir.resolve("sipfront.yaml");
        Files.writeString(file, BASE + accounts);
        ConfigSection<Accounts> withEnv = ConfigSection.of(AccountsSection.KEY, c -> Accounts.NONE,
                (n, c) -> AccountsSection.read(n, c, env::get));
        return ConfigLoader.load(file, ConfigSections.of(withEnv)).section(withEnv);
    }

    private ConfigException error(String accounts, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> {
            Path file = dir.resolve("sipfront.yaml");
            Files.writeString(file, BASE + accounts);
            ConfigLoader.load(file, ConfigSections.of(ConfigSection.of(AccountsSection.KEY, c -> Accounts.NONE,
                    (n, c) -> AccountsSection.read(n, c, env::get))));
        });
    }

    @Test
    void passwordFileRelativeToTheConfigAndRegistrationDefaults() throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/a.password"), SECRET + "\nsecond line ignored\n");
        Path file = dir.resolve("sipfront.yaml");
        Files.writeString(file, BASE + """
                accounts:
                  - carrier: carrier-a
                    username: trunk1
                    password_file: secrets/a.password
                    registration:
                      registrar: sip:127.0.0.20
                      aor: sip:trunk1@example.net
                """);
        Accounts accounts = ConfigLoader.load(file, SECTIONS).section(AccountsSection.SECTION);
        AccountSettings a = accounts.forCarrier("carrier-a").orElseThrow();
        assertEquals(SECRET, new String(a.password().chars()));
        assertFalse(a.toString().contains(SECRET), a.toString());
        assertFalse(accounts.toString().contains(SECRET));
        RegistrationSettings r = a.registration().orElseThrow();
        assertAll(() -> assertEquals("trunk1", r.contactUser()), () -> assertEquals(3600, r.expiresS()),
                () -> assertEquals(5060, r.registrar().getPort()));
    }

    @Test
    void passwordFromTheEnvironment() throws Exception {
        Accounts accounts = load("""
                accounts:
                  - carrier: carrier-a
                    username: trunk1
                    realm: example.net
                    password_env: TRUNK1_PASSWORD
                """, Map.of("TRUNK1_PASSWORD", SECRET));
        AccountSettings a = accounts.all().get(0);
        assertEquals(SECRET, new String(a.password().chars()));
        assertTrue(a.answers("EXAMPLE.net"));
        assertFalse(a.answers("other"));
    }

    @Test
    void aPasswordInTheYamlItselfIsRefused() {
        ConfigException e = error("""
                accounts:
                  - carrier: carrier-a
                    username: trunk1
                    password: %s
                """.formatted(SECRET), Map.of());
        assertEquals(25, e.line());
        assertTrue(e.getMessage().contains("unknown key 'password'"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), "the value is never echoed: " + e.getMessage());
    }

    @Test
    void anAccountWithoutAPasswordSourceSaysWhereItMayComeFrom() {
        ConfigException e = error("accounts:\n  - carrier: carrier-a\n    username: u\n", Map.of());
        assertEquals(23, e.line());
        assertTrue(e.getMessage().contains("accounts[0]: the password comes from password_file or password_env"),
                e.getMessage());
    }

    @Test
    void aMissingPasswordFileNamesTheFileAtItsLine() {
        ConfigException e = error("""
                accounts:
                  - carrier: carrier-a
                    username: trunk1
                    password_file: nowhere.password
                """, Map.of());
        assertAll(() -> assertEquals(25, e.line()), () -> assertEquals(20, e.column()),
                () -> assertTrue(e.getMessage().contains("nowhere.password"), e.getMessage()));
    }

    @Test
    void anUnsetVariableAndAnUnknownCarrierAndTwoAccountsAreRefused() {
        assertTrue(error("accounts:\n  - carrier: carrier-a\n    username: u\n    password_env: NOPE\n", Map.of())
                .getMessage().contains("NOPE is not set"));
        ConfigException unknown = error("accounts:\n  - carrier: carrier-z\n    username: u\n"
                + "    password_env: P\n", Map.of("P", "x"));
        assertEquals(23, unknown.line());
        assertTrue(unknown.getMessage().contains("carrier 'carrier-z' is not defined"));
        assertTrue(error("accounts:\n  - {carrier: carrier-a, username: u, password_env: P}\n"
                + "  - {carrier: carrier-a, username: v, password_env: P}\n", Map.of("P", "x"))
                .getMessage().contains("already has an account"));
    }

    @Test
    void anExpiryOutOfRangeAndABadAorAreRefusedAtTheirPlace() {
        ConfigException e = error("""
                accounts:
                  - carrier: carrier-a
                    username: trunk1
                    password_env: P
                    registration: {registrar: "sip:127.0.0.20", aor: "trunk1@example.net"}
                """, Map.of("P", "x"));
        assertEquals(26, e.line());
        assertTrue(e.getMessage().contains("not an address of record"), e.getMessage());
        assertTrue(error("""
                accounts:
                  - carrier: carrier-a
                    username: trunk1
                    password_env: P
                    registration: {registrar: "sip:127.0.0.20", aor: "sip:t@e.net", expires_s: 5}
                """, Map.of("P", "x")).getMessage().contains("out of range 10..86400"));
    }
}
