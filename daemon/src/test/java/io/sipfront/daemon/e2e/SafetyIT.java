package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.CARRIER_B;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What Sipfront answers itself: 403 to strangers, 482 to a call coming back through it, 483 when
 * Max-Forwards is used up, 200 with Allow to OPTIONS addressed to it. Refused calls must not
 * reach a carrier.
 */
class SafetyIT extends E2eBase {
    @Override
    protected String configName() {
        return "loopback-udp.yaml";
    }

    /** Runs {@code scenario} from {@code source} with both carriers up; the caller must succeed and no carrier see an INVITE. */
    private void refused(String scenario, String source) throws Exception {
        try (Run a = uas("uas.xml", "carrier-a").local(CARRIER_A).start();
             Run b = uas("uas.xml", "carrier-b").local(CARRIER_B).start()) {
            Result caller = uac(scenario, "caller").local(source).calls(1).start().await(SHORT_RUN);
            Result ra = a.stop();
            Result rb = b.stop();
            caller.assertAllSucceeded(1);
            assertEquals(0, ra.counter("invite") + rb.counter("invite"),
                    () -> withLog("a refused call must not reach a carrier\n" + ra.evidence() + "\n" + rb.evidence()));
        }
    }

    @Test
    void unknownSourceGets403() throws Exception {
        refused("uac-expect-403.xml", E2e.STRANGER);
    }

    @Test
    void callBouncingBackWithOurViaGets482() throws Exception {
        refused("uac-loop-via.xml", PLATFORM_1);
    }

    @Test
    void initialRequestWithOurRecordRouteGets482() throws Exception {
        refused("uac-loop-rr.xml", PLATFORM_1);
    }

    @Test
    void maxForwardsZeroGets483() throws Exception {
        refused("uac-expect-483.xml", PLATFORM_1);
    }

    /** RFC 3261 16.6 step 3: 1 is decremented to 0 and forwarded; only a request arriving with 0 gets 483. */
    @Test
    void maxForwardsOneIsForwardedWithZero() throws Exception {
        try (Run a = uas("uas.xml", "carrier-a").local(CARRIER_A).start()) {
            Result caller = uac("uac-max-forwards-1.xml", "platform").local(PLATFORM_1).calls(1).start().await(SHORT_RUN);
            Result ra = a.stop();
            caller.assertAllSucceeded(1);
            ra.assertNoFailures("invite", 1);
            String invite = ra.received("INVITE ").get(0);
            assertTrue(Pattern.compile("(?m)^Max-Forwards: *0\\s*$").matcher(invite).find(),
                    () -> "the carrier must see Max-Forwards: 0\n" + invite);
        }
    }

    @Test
    void optionsToSipfrontFromPlatformAndCarrier() throws Exception {
        uac("uac-options.xml", "platform").local(PLATFORM_1).calls(1).start().await(SHORT_RUN).assertAllSucceeded(1);
        uac("uac-options.xml", "carrier-a").local(CARRIER_A).calls(1).start().await(SHORT_RUN).assertAllSucceeded(1);
    }
}
