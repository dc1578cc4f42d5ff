package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.CARRIER_B;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the algorithms share real calls: weighted exactly by weight, hash spread over the platform. */
class DistributionIT extends E2eBase {
    @Override
    protected String configName() {
        return "weighted.yaml";
    }

    @Test
    void weightedSharesOutboundCallsThreeToOne() throws Exception {
        try (Run a = uas("uas.xml", "carrier-a").local(CARRIER_A).start();
             Run b = uas("uas.xml", "carrier-b").local(CARRIER_B).start()) {
            uac("uac.xml", "platform").local(PLATFORM_1).calls(80).rate(40).callIdPrefix("w")
                    .start().await(Duration.ofSeconds(60)).assertAllSucceeded(80);
            a.stop().assertNoFailures("invite", 60);
            b.stop().assertNoFailures("invite", 20);
        }
    }

    @Test
    void hashSpreadsInboundCallsOverThePlatform() throws Exception {
        try (Run p1 = uas("uas.xml", "platform-1").local(PLATFORM_1).start();
             Run p2 = uas("uas.xml", "platform-2").local(PLATFORM_2).start()) {
            uac("uac.xml", "carrier").local(CARRIER_A).calls(80).rate(40).callIdPrefix("h")
                    .start().await(Duration.ofSeconds(60)).assertAllSucceeded(80);
            Result r1 = p1.stop();
            Result r2 = p2.stop();
            long n1 = r1.counter("invite");
            long n2 = r2.counter("invite");
            assertEquals(80, n1 + n2);
            assertTrue(n1 >= 20 && n2 >= 20, () -> "Call-ID hashes spread calls over both nodes: " + n1 + "/" + n2);
        }
    }
}
