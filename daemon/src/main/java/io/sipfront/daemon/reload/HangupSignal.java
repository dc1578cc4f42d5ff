package io.sipfront.daemon.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP reloads the config, as with most Unix daemons ({@code systemctl reload}, {@code kill -HUP}). The JDK has no
 * public signal API; {@code sun.misc.Signal} (module jdk.unsupported) is the supported way in practice.
 */
public final class HangupSignal {
    private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    /** {@code action} runs on the JVM's signal dispatch thread, one signal at a time. */
    public static void install(Runnable action) {
        try {
            SignalHandler before = Signal.handle(new Signal("HUP"), s -> action.run());
            if (before == SignalHandler.SIG_IGN) {
                // HotSpot leaves a signal that was ignored at start (nohup, some supervisors) ignored and installs
                // nothing, without an error: say so, or a "kill -HUP" would silently do nothing.
                log.warn("SIGHUP was ignored when Sipfront started (started under nohup?) and stays ignored; "
                        + "reload through the admin API or by saving the config");
            }
        } catch (IllegalArgumentException e) {
            // The JVM reserves HUP when started with -Xrs; reload then works through the file and the API.
            log.warn("cannot handle SIGHUP ({}); reload through the admin API or by saving the config", e.getMessage());
        }
    }
}
