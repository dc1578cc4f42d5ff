package io.sipfront.core.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Call meters for Prometheus: {@code sipfront_calls_total{direction,class}} (call setups by the class of their final
 * answer) and {@code sipfront_failovers_total{direction}} (attempts after the first). Created once, so a call only
 * bumps a counter.
 */
public final class CallMetrics implements CallObserver {
    private final Counter[][] calls = new Counter[2][7];
    private final Counter[] failovers = new Counter[2];

    public CallMetrics(MeterRegistry registry) {
        String[] directions = {"inbound", "outbound"};
        for (int d = 0; d < 2; d++) {
            for (int c = 1; c <= 6; c++) {
                calls[d][c] = Counter.builder("sipfront.calls").description("call setups by final response class")
                        .tag("direction", directions[d]).tag("class", c + "xx").register(registry);
            }
            failovers[d] = Counter.builder("sipfront.failovers")
                    .description("attempts after the first of a call setup").tag("direction", directions[d])
                    .register(registry);
        }
    }

    @Override
    public void attemptStarted(CallSetup call, int number) {
        if (number > 1) {
            failovers[call.inbound() ? 0 : 1].increment();
        }
    }

    @Override
    public void finalAnswer(CallSetup call) {
        calls[call.inbound() ? 0 : 1][CallCounters.statusClass(call.finalCode())].increment();
    }
}
