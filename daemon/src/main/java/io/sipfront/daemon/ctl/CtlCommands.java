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
    private record Entry(CtlCommand command, String usage) {
    }

    private final Map<String, Entry> commands = new LinkedHashMap<>();

    /** The daemon's own commands, which talk to the admin API. */
    public static CtlCommands standard() {
        CtlCommands c = new CtlCommands();
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

    /** @param usage one line: the arguments and what it does, shown by {@code sipfront ctl} without arguments */
    public CtlCommands register(String name, String usage, CtlCommand command) {
        if (commands.putIfAbsent(name, new Entry(command, usage)) != null) {
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
        return e.command.run(Arrays.copyOf(args, args.length), out, err);
    }

    int usage(PrintStream err) {
        err.println("usage: sipfront ctl COMMAND [--config FILE | --api URL --token TOKEN] ...");
        commands.values().forEach(e -> err.println("       sipfront ctl " + e.usage));
        err.println("The API address and token come from the admin section of --config (default "
                + ApiOptions.DEFAULT_CONFIG + ") unless --api/--token are given.");
        return 2;
    }
}
