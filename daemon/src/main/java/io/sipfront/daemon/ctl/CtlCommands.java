package io.sipfront.daemon.ctl;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sipfront ctl NAME ...}: a registry of subcommands by name, so each module adds its own
 * ({@code ctl rules}, {@code ctl ha}, ...) with one {@link #register} call in {@link #standard()}.
 */
public final class CtlCommands {
    /**
     * One registered command.
     *
     * @param usage its arguments and what it does, one line
     */
    public record Entry(String name, CtlCommand command, String usage) {
        /** A command of the admin API: it takes --config, --api, --token-file and --json. */
        public boolean talksToTheApi() {
            return command instanceof ApiCommand;
        }

        /** What it does: the usage line after its arguments. */
        public String description() {
            String[] parts = usage.split(" {2,}", 2);
            return parts.length == 2 ? parts[1].strip() : usage;
        }
    }

    private final Map<String, Entry> commands = new LinkedHashMap<>();
    private final java.util.function.UnaryOperator<String> env;

    private CtlCommands(java.util.function.UnaryOperator<String> env) {
        this.env = env;
    }

    /** The daemon's own commands, which talk to the admin API. */
    public static CtlCommands standard() {
        return standard(System::getenv);
    }

    /** The same, reading {@code SIPFRONT_TOKEN} from {@code env}. */
    public static CtlCommands standard(java.util.function.UnaryOperator<String> env) {
        CtlCommands c = new CtlCommands(env);
        c.register("status", "status [--json]                 destinations and their state", new StatusCommand());
        c.register("health", "health [--json]                 GET /health; exit 1 when DOWN", new HealthCommand());
        c.register("reload", "reload                          reload the config file now; exit 1 if refused",
                new ReloadCommand());
        c.register("reload-status", "reload-status [--json]          the last reload and its error; exit 1 if refused",
                new ReloadStatusCommand());
        c.register("ha", "ha [--json]                     HA role, peer, last advert, VIP, transitions", new HaCommand());
        c.register("bans", "bans [--json]                   sources banned for flooding, and the flood table's fill",
                new BansCommand());
        c.register("unban", "unban ADDR                      lift the ban of an address now", new UnbanCommand());
        c.register("registrations", "registrations [--json]          carrier registrations: state, expiry, last error",
                new RegistrationsCommand());
        for (String action : DestinationCommand.ACTIONS) {
            c.register(action, action + " SET ID" + " ".repeat(24 - action.length()) + action + " a destination",
                    new DestinationCommand(action));
        }
        return c;
    }

    /**
     * Adds {@code ctl NAME}: one line, and it is in the usage, the generated help ({@code sipfront ctl --help}) and
     * the bash completion.
     *
     * @param usage one line: the arguments, two spaces or more, what it does (shown by {@code sipfront ctl})
     */
    public CtlCommands register(String name, String usage, CtlCommand command) {
        if (command instanceof ApiCommand api) {
            api.environment(env);
        }
        if (commands.putIfAbsent(name, new Entry(name, command, usage)) != null) {
            throw new IllegalArgumentException("ctl command '" + name + "' is registered twice");
        }
        return this;
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            return usage(err);
        }
        Entry e = commands.get(args[0]);
        if (e == null) {
            err.println("sipfront ctl: unknown command '" + args[0] + "'");
            return usage(err);
        }
        return e.command().run(Arrays.copyOf(args, args.length), out, err);
    }

    /** The registered commands, in registration order. */
    public java.util.Collection<Entry> entries() {
        return java.util.Collections.unmodifiableCollection(commands.values());
    }

    public int usage(PrintStream err) {
        err.println("usage: sipfront ctl COMMAND [--config FILE | --api URL] [--token-file FILE] ...");
        commands.values().forEach(e -> err.println("       sipfront ctl " + e.usage));
        err.println("The API address and token come from the admin section of --config (default "
                + ApiOptions.DEFAULT_CONFIG + ") unless --api is given; the token from --token-file FILE or "
                + ApiOptions.TOKEN_ENV + " if set.");
        return 2;
    }
}
