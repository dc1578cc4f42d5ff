package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.CARRIER_B;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a failover mode does with a carrier that answers OPTIONS with 503 (degraded) but would still take calls.
 * One daemon per mode ({@link ImmediateModeIT}, {@link OutageModeIT}; degraded mode is in {@link HealthIT}).
 */
abstract class FailoverModeCase extends E2eBase {
    /** The destinations one call tries, per the audit trail. */
    abstract List<String> expectedAttempts();

    abstract long expectedCallsAtA();

    @Test
    void aCarrierDegradedByProbesGetsCallsAsTheModeSays() throws Exception {
        DestinationStates states = new DestinationStates(sipfront);
        try (Run b = uas("uas.xml", "carrier-b").local(CARRIER_B).start();
             Run a = uas("uas-options-503.xml", "carrier-a").local(CARRIER_A).start()) {
            states.awaitSteady("carrier-a", "degraded");
            states.awaitSteady("carrier-b", "active");
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).calls(4).rate(10)
                    .callIdPrefix("mode").start().await(SHORT_RUN);
            caller.assertAllSucceeded(4);
            Result ra = a.stop();
            b.stop(Duration.ofSeconds(5));
            assertEquals(expectedCallsAtA(), ra.counter("invite"), () -> withLog(ra.evidence()));
            JsonNode audit = states.audit("mode-1-");
            assertEquals(expectedAttempts(), DestinationStates.attemptIds(audit), audit::toString);
            assertEquals("degraded", audit.get("candidates").get(0).get("state").asText());
        }
    }
}
