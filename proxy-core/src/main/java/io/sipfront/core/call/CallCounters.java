package io.sipfront.core.call;

import java.util.concurrent.atomic.LongAdder;

/** Call setups by the class of their final answer, for the daemon's {@code stats:} line. */
public final class CallCounters implements CallObserver {
    /** Index 1..6 for 1xx..6xx. */
    private final LongAdder[] byClass = new LongAdder[7];

    public CallCounters() {
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = new LongAdder();
        }
    }

    @Override
    public void finalAnswer(CallSetup call) {
        byClass[statusClass(call.finalCode())].increment();
    }

    /** Call setups answered with a final response of class {@code c}xx. */
    public long answered(int c) {
        return byClass[c].sum();
    }

    static int statusClass(int status) {
        return Math.max(1, Math.min(6, status / 100));
    }
}
