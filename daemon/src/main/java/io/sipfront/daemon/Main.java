package io.sipfront.daemon;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.SipfrontConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sipfront run [--config FILE]} runs the daemon in the foreground until SIGTERM;
 * {@code sipfront check-config FILE} validates a file. Exit codes: 0 ok, 1 bad config or start failure, 2 usage.
 */
public final class Main {
    static final String DEFAULT_CONFIG = "config/sipfront.yaml";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err);
        }
        switch (args[0]) {
            case "check-config":
                if (args.length != 2) {
                    return usage(err);
                }
                return checkConfig(Path.of(args[1]), out, err);
            case "ctl":
                if (args.length >= 2 && "ha".equals(args[1])) {
                    return io.sipfront.ha.HaCtl.run(java.util.Arrays.copyOfRange(args, 2, args.length), out, err);
                }
                return usage(err);
            case "run":
                if (args.length == 1) {
                    return serve(Path.of(DEFAULT_CONFIG), err);
                }
                if (args.length == 3 && "--config".equals(args[1])) {
                    return serve(Path.of(args[2]), err);
                }
                return usage(err);
            default:
                return usage(err);
        }
    }

    private static int checkConfig(Path file, PrintStream out, PrintStream err) {
        try {
            ConfigLoader.load(file);
            out.println("ok: " + file);
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int serve(Path file, PrintStream err) {
        SipfrontConfig config;
        try {
            config = ConfigLoader.load(file);
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

    /** Call-log lines still queued in the async appender would be lost when the JVM halts. */
    private static void flushLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: sipfront run [--config FILE]");
        err.println("       sipfront check-config FILE");
        err.println("       sipfront ctl ha [--api URL] [--json]");
        return 2;
    }
}
