package io.sipfront.daemon;

import io.sipfront.daemon.ctl.CtlCommands;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command line, on picocli: {@code sipfront run | check-config | ctl COMMAND ... | completion}, with generated
 * help ({@code --help} at every level) and bash completion. The {@code ctl} commands are those registered in
 * {@link CtlCommands} (one {@code register} call each): every registered command becomes a subcommand here, with
 * the admin API's options for API commands and its arguments passed through untouched otherwise, so each command
 * keeps parsing, output and exit codes of its own. Mistakes print the short usage and exit 2.
 */
final class SipfrontCli {
    /** The API commands' options; their values go to the command as it parses them itself. */
    private static final List<String> API_VALUE_OPTIONS = List.of("--config", "--api", "--token-file", "--token");

    private SipfrontCli() {
    }

    /** The whole command tree over {@code ctl}'s registry, printing to {@code out} and {@code err}. */
    static CommandLine commandLine(CtlCommands ctl, PrintStream out, PrintStream err) {
        CommandSpec root = command(() -> classicUsage(err), "sipfront",
                "Sipfront, a SIP proxy and load balancer for carrier trunks.");
        root.usageMessage().footer("", "Exit codes: 0 ok, 1 bad config, start failure or refused, 2 usage or no "
                + "daemon. Manual: docs/operations.md (installed: /usr/share/doc/sipfront/operations.md).");
        root.addSubcommand("run", run(err));
        root.addSubcommand("check-config", checkConfig(out, err));
        root.addSubcommand("ctl", ctl(ctl, out, err));
        CommandLine cl = new CommandLine(root);
        CommandSpec completion = command(() -> {
            out.print(AutoComplete.bash("sipfront", cl));
            out.flush();
            return 0;
        }, "completion", "Prints the bash completion script (source <(sipfront completion)).");
        cl.addSubcommand("completion", new CommandLine(completion));
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((e, args) -> {
            err.println("sipfront: " + e.getMessage());
            if (isUnderCtl(e.getCommandLine())) {
                return ctl.usage(err);
            }
            return classicUsage(err);
        });
        return cl;
    }

    static int run(String[] args, CtlCommands ctl, PrintStream out, PrintStream err) {
        return commandLine(ctl, out, err).execute(args);
    }

    private static CommandSpec run(PrintStream err) {
        String[] config = {Main.DEFAULT_CONFIG};
        CommandSpec spec = command(() -> Main.serve(Path.of(config[0]), err), "run",
                "Runs the daemon in the foreground until SIGTERM, logging to stdout.");
        spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(String.class)
                .description("the config file (default " + Main.DEFAULT_CONFIG + "; installed: "
                        + "/etc/sipfront/sipfront.yaml through /usr/bin/sipfront)")
                .setter(new Setter(v -> config[0] = v)).build());
        return spec;
    }

    private static CommandSpec checkConfig(PrintStream out, PrintStream err) {
        String[] file = {null};
        CommandSpec spec = command(() -> Main.checkConfig(Path.of(file[0]), out, err), "check-config",
                "Validates a config file: prints 'ok: FILE' and exits 0, or 'FILE:LINE:COL: reason' and exits 1.");
        spec.addPositional(PositionalParamSpec.builder().paramLabel("FILE").arity("1").required(true).type(String.class)
                .description("the config file").setter(new Setter(v -> file[0] = v)).build());
        return spec;
    }

    private static CommandSpec ctl(CtlCommands ctl, PrintStream out, PrintStream err) {
        List<String> words = new ArrayList<>();
        CommandSpec spec = command(() -> words.isEmpty() ? ctl.usage(err) : ctl.run(words.toArray(String[]::new), out,
                err), "ctl", "Controls a running daemon through its admin API, and the numbering store.");
        spec.addPositional(catchAll(words));
        for (CtlCommands.Entry e : ctl.entries()) {
            spec.addSubcommand(e.name(), ctlCommand(e, out, err));
        }
        return spec;
    }

    /** One registered ctl command: its arguments rebuilt as it was given them, then run by the command itself. */
    private static CommandSpec ctlCommand(CtlCommands.Entry e, PrintStream out, PrintStream err) {
        List<String> words = new ArrayList<>();
        List<String> options = new ArrayList<>();
        CommandSpec spec = command(() -> {
            List<String> args = new ArrayList<>();
            args.add(e.name());
            args.addAll(words);
            args.addAll(options);
            return e.command().run(args.toArray(String[]::new), out, err);
        }, e.name(), e.description());
        spec.usageMessage().customSynopsis("sipfront ctl " + e.usage().split(" {2,}", 2)[0].strip()
                + (e.talksToTheApi() ? " [--config FILE | --api URL] [--token-file FILE]" : ""));
        spec.addPositional(catchAll(words));
        if (e.talksToTheApi()) {
            for (String name : API_VALUE_OPTIONS) {
                spec.addOption(OptionSpec.builder(name).paramLabel(name.equals("--api") ? "URL" : "FILE")
                        .type(String.class).hidden(name.equals("--token")).description(apiOptionHelp(name))
                        .setter(new Setter(v -> {
                            options.add(name);
                            options.add(v);
                        })).build());
            }
            spec.addOption(OptionSpec.builder("--json").arity("0").type(boolean.class)
                    .description("print the API's JSON answer as it is").setter(new Setter(v -> options.add("--json")))
                    .build());
        } else {
            spec.parser().unmatchedOptionsArePositionalParams(true);
        }
        return spec;
    }

    private static String apiOptionHelp(String name) {
        return switch (name) {
            case "--config" -> "the config whose admin section names the API and its token file";
            case "--api" -> "the admin API's URL, e.g. http://127.0.0.1:9060 (wins over --config)";
            case "--token-file" -> "a file holding the API token (else $SIPFRONT_TOKEN, else the config's token file)";
            default -> "not taken: a token on the command line is visible to every user";
        };
    }

    private static PositionalParamSpec catchAll(List<String> words) {
        return PositionalParamSpec.builder().paramLabel("ARG").arity("0..*").type(String[].class)
                .description("the command's arguments").setter(new CommandLine.Model.ISetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T set(T value) {
                        words.clear();
                        if (value != null) {
                            words.addAll(Arrays.asList((String[]) value));
                        }
                        return null;
                    }
                }).build();
    }

    private static CommandSpec command(Callable<Integer> action, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(action);
        spec.name(name);
        spec.mixinStandardHelpOptions(true);
        spec.version("sipfront " + version());
        spec.usageMessage().description(description);
        spec.parser().overwrittenOptionsAllowed(true);
        return spec;
    }

    private static String version() {
        String v = SipfrontCli.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    private static boolean isUnderCtl(CommandLine c) {
        for (CommandSpec s = c.getCommandSpec(); s != null; s = s.parent()) {
            if ("ctl".equals(s.name()) && s.parent() != null) {
                return true;
            }
        }
        return false;
    }

    static int classicUsage(PrintStream err) {
        err.println("usage: sipfront run [--config FILE]");
        err.println("       sipfront check-config FILE");
        err.println("       sipfront ctl rules import|export --carrier NAME [--config FILE] FILE");
        err.println("       sipfront ctl normalize --carrier NAME --direction inbound|outbound [--config FILE] NUMBER");
        err.println("       sipfront ctl COMMAND ...   (sipfront ctl alone lists the commands)");
        err.println("       sipfront --help | COMMAND --help | completion");
        return 2;
    }

    /** A setter for one option or parameter value, as text. */
    private record Setter(java.util.function.Consumer<String> sink) implements CommandLine.Model.ISetter {
        @Override
        public <T> T set(T value) {
            if (value != null) {
                sink.accept(value.toString());
            }
            return null;
        }
    }
}
