package io.sipfront.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.daemon.ctl.CtlCommands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The picocli command line: generated help, the ctl registry as subcommands, completion, exit codes. */
class SipfrontCliTest {
    /** The completion script the .deb installs as /usr/share/bash-completion/completions/sipfront. */
    static final Path SHIPPED_COMPLETION = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("packaging/src/deb/completion/sipfront");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpIsGeneratedAtEveryLevel() {
        assertEquals(0, run("--help"));
        for (String c : new String[] {"run", "check-config", "ctl", "completion"}) {
            assertTrue(out.toString().contains("  " + c + " "), out.toString());
        }
        out.reset();
        assertEquals(0, run("ctl", "--help"));
        for (String c : new String[] {"status", "drain", "rules", "normalize", "ha"}) {
            assertTrue(out.toString().contains("  " + c + " "), out.toString());
        }
        out.reset();
        assertEquals(0, run("ctl", "drain", "--help"));
        assertTrue(out.toString().startsWith("Usage: sipfront ctl drain SET ID [--config FILE | --api URL] "
                + "[--token-file FILE]"), out.toString());
        assertTrue(out.toString().contains("--token-file=FILE"), out.toString());
        assertTrue(!out.toString().contains("--token=") && !out.toString().contains("--token "), "no --token shown");
    }

    @Test
    void aCtlCommandRunsWithItsOptionsWhereverTheyStand() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        assertEquals(2, run("ctl", "status", "--json", "--api=http://127.0.0.1:" + port));
        assertTrue(err.toString().contains("cannot reach the Sipfront admin API at http://127.0.0.1:" + port),
                err.toString());
    }

    @Test
    void mistakesUnderCtlShowCtlsUsage() {
        assertEquals(2, run("ctl", "status", "--bogus"));
        assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
        assertTrue(err.toString().contains("sipfront ctl status [--json]"), err.toString());
        err.reset();
        assertEquals(2, run("ctl", "frobnicate"));
        assertTrue(err.toString().contains("sipfront ctl: unknown command 'frobnicate'"), err.toString());
        err.reset();
        assertEquals(2, run("check-config"));
        assertTrue(err.toString().contains("usage: sipfront run [--config FILE]"), err.toString());
    }

    @Test
    void aCommandRegisteredInOneLineIsASubcommandWithHelpAndCompletion() {
        CtlCommands commands = Main.ctlCommands().register("frobs", "frobs [--json]   frobs counted now",
                (args, o, e) -> {
                    o.println("frobs got " + String.join(" ", args));
                    return 0;
                });
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, SipfrontCli.run(new String[] {"ctl", "frobs", "--json", "x"}, commands, o, e));
        assertEquals("frobs got frobs --json x", out.toString().strip());
        out.reset();
        assertEquals(0, SipfrontCli.run(new String[] {"ctl", "--help"}, commands, o, e));
        assertTrue(out.toString().contains("frobs          frobs counted now"), out.toString());
        out.reset();
        assertEquals(0, SipfrontCli.run(new String[] {"completion"}, commands, o, e));
        assertTrue(out.toString().contains("frobs"), "in the completion script");
    }

    @Test
    void theShippedCompletionScriptIsTheGeneratedOne() throws Exception {
        assertEquals(0, run("completion"));
        String generated = out.toString(StandardCharsets.UTF_8);
        assertTrue(generated.contains("complete -F _complete_sipfront") && generated.contains("reload-status"),
                generated);
        if (Boolean.getBoolean("sipfront.writeCompletion")) {
            Files.writeString(SHIPPED_COMPLETION, generated);
        }
        assertEquals(generated, Files.readString(SHIPPED_COMPLETION),
                "regenerate with: mvn -pl daemon -am test -Dtest=SipfrontCliTest -Dsipfront.writeCompletion=true "
                        + "-Dsurefire.failIfNoSpecifiedTests=false");
    }
}
