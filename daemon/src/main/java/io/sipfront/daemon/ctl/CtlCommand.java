package io.sipfront.daemon.ctl;

import java.io.PrintStream;

/**
 * One {@code sipfront ctl} subcommand. Exit codes: 0 done, 1 refused (the API's error is printed), 2 usage or the
 * daemon cannot be reached.
 */
@FunctionalInterface
public interface CtlCommand {
    /** @param args the words after {@code ctl}, starting with the subcommand's own name */
    int run(String[] args, PrintStream out, PrintStream err);
}
