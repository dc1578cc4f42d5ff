package io.sipfront.core.capture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The capture's meters, registered whether or not capture is configured (they read 0 then):
 * {@code sipfront_hep_sent_total} and {@code sipfront_hep_dropped_total{reason="queue_full"|"send_failed"}}.
 */
public record HepCounters(Counter sent, Counter queueFull, Counter sendFailed) {
    public static HepCounters register(MeterRegistry registry) {
        return new HepCounters(
                Counter.builder("sipfront.hep.sent").description("SIP messages mirrored to the HEP collector")
                        .register(registry),
                dropped(registry, "queue_full"), dropped(registry, "send_failed"));
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("sipfront.hep.dropped")
                .description("SIP messages not mirrored: the capture queue was full, or sending failed")
                .tag("reason", reason).register(registry);
    }
}
