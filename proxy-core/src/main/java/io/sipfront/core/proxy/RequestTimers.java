package io.sipfront.core.proxy;

import io.sipfront.config.TimerSettings;
import io.sipfront.core.time.Timeout;
import io.sipfront.core.time.TimerWheel;

/**
 * The proxy timers of one forwarded request, on its lane's wheel: the first-response timer (a new call's
 * destination sent not even a 100), Timer C (RFC 3261 §16.8: ringing too long) and the 487 guard (a cancelled
 * callee that never answers its INVITE).
 */
final class RequestTimers {
    private final TimerWheel wheel;
    private final TimerSettings settings;
    private Timeout firstResponse;
    private Timeout timerC;

    RequestTimers(TimerWheel wheel, TimerSettings settings) {
        this.wheel = wheel;
        this.settings = settings;
    }

    void startFirstResponse(Runnable onSilence) {
        firstResponse = wheel.schedule(settings.firstResponseMs(), onSilence);
    }

    void stopFirstResponse() {
        cancel(firstResponse);
    }

    void restartTimerC(Runnable onExpiry) {
        cancel(timerC);
        timerC = wheel.schedule(settings.timerCMs(), onExpiry);
    }

    void stopTimerC() {
        cancel(timerC);
    }

    /** 64*T1 for the callee to answer a CANCEL with 487 before we answer it ourselves. */
    void start487Guard(Runnable onSilence) {
        wheel.schedule(64 * settings.t1Ms(), onSilence);
    }

    void stopAll() {
        cancel(firstResponse);
        cancel(timerC);
    }

    private static void cancel(Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }
}
