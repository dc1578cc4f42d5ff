package io.sipfront.daemon;

import io.netty.util.ResourceLeakDetector;
import io.sipfront.config.ConfigException;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.normalization.cli.NumberingCli;
import io.sipfront.daemon.ctl.CtlCommands;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The program's entry point; the command line itself is {@link SipfrontCli} (picocli).
 * {@code sipfront run [--config FILE]} runs the daemon in the foreground until SIGTERM;
 * {@code sipfront check-config FILE} validates a file; {@code sipfront ctl COMMAND ...} talks to a running daemon's
 * admin API ({@link CtlCommands}); {@code ctl rules|normalize ...} are the numbering tools
 * ({@link NumberingCli}), which work on the store without a daemon. Exit codes: 0 ok, 1 bad config, start failure or refused, 2 usage or no daemon.
 */
public final class Main {
    static final String DEFAULT_CONFIG = "config/sipfront.yaml";
    /** Logback's own system property, read once, when the first logger is made. */
    static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";
    /** The Logback config of every command but {@code run}: warnings on stderr, no log file. */
    static final String TOOL_LOGBACK_CONFIG = "logback-tool.xml";

    /** Netty's leak tracking level, when given on the command line. */
    static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !"run".equals(args[0])) {
            // ctl and check-config run in the operator's directory (or in ExecStartPre, with the daemon's JVM
            // options): the daemon's config would create its audit log file there.
            System.setProperty(LOGBACK_CONFIG_PROPERTY, TOOL_LOGBACK_CONFIG);
        }
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            // By default Netty tracks one buffer in 128 and records a stack trace for it: about 1 % of the CPU of a
            // call (docs/performance.md). The tests run with PARANOID tracking and fail on any leak; in the daemon
            // it is off unless -Dio.netty.leakDetection.level asks for it.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return SipfrontCli.run(args, ctlCommands(), out, err);
    }

    static int checkConfig(Path file, PrintStream out, PrintStream err) {
        try {
            SipfrontSections.load(file);
            out.println("ok: " + file);
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    static int serve(Path file, PrintStream err) {
        SipfrontConfig config;
        try {
            config = SipfrontSections.load(file);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        SipfrontDaemon daemon;
        try {
            daemon = SipfrontDaemon.start(config);
        } catch (RuntimeException e) {
            err.println("sipfront: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            flushLogs();
            stopped.countDown();
        }, "sipfront-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** A command's output is its result: the pool's start/stop lines would only be noise around it. */
    /** The admin-API commands plus the numbering tools, which work on the store and need no daemon. */
    static CtlCommands ctlCommands() {
        io.sipfront.daemon.ctl.CtlCommand numbering = (words, o, e) -> {
            quietLogs();
            return NumberingCli.run(SipfrontSections.ALL, words, o, e);
        };
        return CtlCommands.standard()
                .register("rules", "rules import|export --carrier NAME FILE   numbering plans in the store (CSV/YAML)",
                        numbering)
                .register("normalize", "normalize --carrier NAME --direction inbound|outbound NUMBER   try a plan",
                        numbering);
    }

    private static void quietLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Call-log lines still queued in the async appender would be lost when the JVM halts. */
    private static void flushLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }

}
