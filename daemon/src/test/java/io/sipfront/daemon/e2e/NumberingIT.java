package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.CARRIER_B;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Number normalization through the real daemon (loopback-numbering.yaml, SQLite store seeded from the config):
 * whatever format a carrier sends, the platform receives E.164 in the Request-URI, To, From and P-Asserted-Identity;
 * an outbound call that fails over reaches each carrier in that carrier's format, built from the original number.
 * The receiving SIPp checks every number with regexp actions (a mismatch fails its call).
 */
class NumberingIT extends E2eBase {
    @Override
    protected String configName() {
        return "loopback-numbering.yaml";
    }

    /** Both platform nodes answer (inbound is round-robin) and check for E.164. */
    private Result inboundCall(String carrierIp, String dialled, String caller, String prefix) throws Exception {
        try (Run p1 = uas("uas-expect-e164.xml", "platform-1").local(PLATFORM_1).start();
             Run p2 = uas("uas-expect-e164.xml", "platform-2").local(PLATFORM_2).start()) {
            Result carrier = uac("uac-numbering.xml", "carrier").local(carrierIp).service(dialled)
                    .set("caller", caller).calls(1).callIdPrefix(prefix).start().await(SHORT_RUN);
            Result r1 = p1.stop();
            Result r2 = p2.stop();
            assertEquals(1, r1.counter("invite") + r2.counter("invite"), () -> withLog(r1.evidence() + r2.evidence()));
            assertEquals(0, r1.failed() + r2.failed(),
                    () -> withLog("the platform's regexp checks failed:\n" + r1.evidence() + r2.evidence()));
            return carrier;
        }
    }

    @Test
    void carrierASendingPlus44ReachesThePlatformInE164() throws Exception {
        inboundCall(CARRIER_A, "+442079460000", "+442071234567", "numa").assertAllSucceeded(1);
    }

    @Test
    void carrierBSending0044ReachesThePlatformInE164() throws Exception {
        inboundCall(CARRIER_B, "00442079460000", "00442071234567", "numb").assertAllSucceeded(1);
    }

    @Test
    void aFailoverFromAToBReachesBInItsOwnFormatBuiltFromTheOriginalNumber() throws Exception {
        try (Run a = uas("uas-503.xml", "carrier-a").local(CARRIER_A).start();
             Run b = uas("uas-expect-00-international.xml", "carrier-b").local(CARRIER_B).start()) {
            Result caller = uac("uac-numbering.xml", "platform").local(PLATFORM_1).service("+442079460000")
                    .set("caller", "+442071234567").calls(1).callIdPrefix("numfo").start().await(SHORT_RUN);
            Result ra = a.stop();
            Result rb = b.stop();
            ra.assertNoFailures("invite", 1);
            List<String> toA = ra.received("INVITE");
            assertTrue(!toA.isEmpty() && toA.get(0).startsWith("INVITE sip:+442079460000@"),
                    () -> withLog("carrier-a wants E.164 with +: " + toA));
            rb.assertNoFailures("invite", 1);
            caller.assertAllSucceeded(1);
        }
    }

    @Test
    void carrierBRejectsADialledNumberItCannotMakeValid() throws Exception {
        try (Run p1 = uas("uas.xml", "platform-1").local(PLATFORM_1).start();
             Run p2 = uas("uas.xml", "platform-2").local(PLATFORM_2).start()) {
            Result carrier = uac("uac-expect-484.xml", "carrier").local(CARRIER_B).service("12")
                    .calls(1).start().await(SHORT_RUN);
            Result r1 = p1.stop();
            Result r2 = p2.stop();
            carrier.assertAllSucceeded(1);
            assertEquals(0, r1.counter("invite") + r2.counter("invite"), "a rejected number is never forwarded");
        }
    }
}
