package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.CARRIER_B;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Serial failover over the priority carrier set (carrier-a first, then carrier-b), all UDP:
 * a 5xx or no response at all within the 2 s first-response timer moves the call on; any
 * other 4xx goes back to the caller.
 */
class FailoverIT extends E2eBase {
    @Override
    protected String configName() {
        return "loopback-udp.yaml";
    }

    @Test
    void carrier503FailsOverToTheNextCarrier() throws Exception {
        try (Run a = uas("uas-503.xml", "carrier-a").local(CARRIER_A).start();
             Run b = uas("uas.xml", "carrier-b").local(CARRIER_B).start()) {
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).calls(2).rate(5)
                    .callIdPrefix("fo503").start().await(SHORT_RUN);
            Result ra = a.stop();
            Result rb = b.stop();
            caller.assertAllSucceeded(2);
            ra.assertNoFailures("invite", 2);
            assertEquals(2, ra.counter("ack"), "Sipfront must ACK each 503 hop-by-hop");
            rb.assertNoFailures("invite", 2);
            assertTrue(caller.received("SIP/2.0 503").isEmpty(), "the 503 must not reach the caller");
            String line = sipfront.awaitCallLine("fo503-1-", Duration.ofSeconds(5)).orElse("");
            assertTrue(line.contains("carrier-a") && line.contains("carrier-b"),
                    () -> withLog("a failed-over call's log line should name both carriers: '" + line + "'"));
        }
    }

    @Test
    void silentCarrierFailsOverAfterTheFirstResponseTimer() throws Exception {
        try (Run a = uas("uas-noanswer.xml", "carrier-a").local(CARRIER_A).start();
             Run b = uas("uas.xml", "carrier-b").local(CARRIER_B).start()) {
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).calls(1)
                    .recvTimeout(Duration.ofSeconds(8)).callIdPrefix("fosilent").start().await(SHORT_RUN);
            Result ra = a.stop(Duration.ofSeconds(1));
            Result rb = b.stop();
            caller.assertAllSucceeded(1);
            assertEquals(1, ra.counter("invite"), () -> withLog(ra.evidence()));
            rb.assertNoFailures("invite", 1);
            long ms = caller.elapsed().toMillis();
            assertTrue(ms >= 1900, () -> "carrier-b must be tried only after the 2 s first-response timer, call took " + ms + " ms");
            assertTrue(ms < 6000, () -> "the call must move on at about 2 s, took " + ms + " ms");
            String line = sipfront.awaitCallLine("fosilent-1-", Duration.ofSeconds(5)).orElse("");
            assertTrue(line.contains("carrier-a") && line.contains("carrier-b"),
                    () -> withLog("a failed-over call's log line should name both carriers: '" + line + "'"));
        }
    }

    @Test
    void busyGoesBackToTheCallerWithoutFailover() throws Exception {
        try (Run a = uas("uas-486.xml", "carrier-a").local(CARRIER_A).start();
             Run b = uas("uas.xml", "carrier-b").local(CARRIER_B).start()) {
            Result caller = uac("uac-expect-486.xml", "platform").local(PLATFORM_1).calls(1).start().await(SHORT_RUN);
            Result ra = a.stop();
            Result rb = b.stop();
            caller.assertAllSucceeded(1);
            ra.assertNoFailures("invite", 1);
            assertEquals(1, ra.counter("ack"), "Sipfront must ACK the 486 hop-by-hop");
            assertEquals(0, rb.counter("invite"), "a 486 must not fail over");
        }
    }
}
