package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.CARRIER_B;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code config/examples/edge-protection.yaml}, unchanged: scanners get no answer, carrier-b's inbound
 * calls per second and concurrent calls are limited with 503 + Retry-After while carrier-a is not, the platform's
 * OPTIONS at 1,000/s are all answered, and a 3,000 requests/s flood from one address is banned while calls flow.
 * Each test floods from its own address: a ban lasts 60 s here.
 */
class EdgeProtectionIT extends E2eBase {
    @Override
    protected String configName() {
        return "edge-protection.yaml";
    }

    @Override
    protected Path configFile(Path classDir) {
        return E2e.home().resolve("config/examples/edge-protection.yaml");
    }

    @Test
    void aScannerGetsNoAnswerAtAllWhileANormalUserAgentGets403() throws Exception {
        UdpFlood.Result scanner = UdpFlood.run("127.0.0.96", 5, Duration.ofSeconds(2), "friendly-scanner",
                Duration.ofMillis(500));
        UdpFlood.Result vicious = UdpFlood.run("127.0.0.94", 5, Duration.ofSeconds(1), "sipvicious 0.3.4",
                Duration.ofMillis(500));
        UdpFlood.Result control = UdpFlood.run("127.0.0.95", 5, Duration.ofSeconds(2), "Linphone/5.2",
                Duration.ofMillis(500));
        assertEquals(0, scanner.answered(), withLog("a scanner must hear nothing, not even 100"));
        assertEquals(0, vicious.answered(), withLog("sipvicious must hear nothing"));
        assertEquals(control.sent(), control.answered(), withLog("a normal stranger gets its 403s"));
    }

    @Test
    void carrierBIsLimitedToTwentyNewCallsASecondWhileCarrierAIsUnaffected() throws Exception {
        try (Run p1 = uas("uas.xml", "platform-1").local(PLATFORM_1).start();
             Run p2 = uas("uas.xml", "platform-2").local(PLATFORM_2).start()) {
            Run a = uac("uac.xml", "carrier-a").local(CARRIER_A).calls(50).rate(10).start();
            Result b = uac("uac-limited.xml", "carrier-b").local(CARRIER_B).calls(500).rate(100).start()
                    .await(Duration.ofSeconds(60));
            Result ra = a.await(Duration.ofSeconds(60));
            p1.stop();
            p2.stop();
            b.assertAllSucceeded(500);
            long answered = b.counter("answered");
            long refused = b.counter("refused");
            assertTrue(answered >= 80 && answered <= 120, withLog("carrier-b calls through: " + answered));
            assertEquals(500, answered + refused, withLog("every other call gets 503 with Retry-After"));
            ra.assertAllSucceeded(50);
            assertTrue(sipfront.auditLines().stream().anyMatch(l -> l.contains("carrier carrier-b: calls_per_second 20")),
                    withLog("the audit trail names the limit"));
        }
    }

    @Test
    void carrierBHasAtMostFiftyCallsAtOnce() throws Exception {
        try (Run p1 = uas("uas.xml", "platform-1").local(PLATFORM_1).start();
             Run p2 = uas("uas.xml", "platform-2").local(PLATFORM_2).start()) {
            // 15 calls/s (under the 20/s limit) held 5 s each: 75 would be up at once without the limit.
            Result b = uac("uac-limited.xml", "carrier-b").local(CARRIER_B).calls(75).rate(15)
                    .hold(Duration.ofSeconds(5)).start().await(Duration.ofSeconds(60));
            p1.stop();
            p2.stop();
            b.assertAllSucceeded(75);
            long answered = b.counter("answered");
            long refused = b.counter("refused");
            assertTrue(answered >= 50 && answered <= 55, withLog("answered " + answered + ", refused " + refused));
            assertEquals(75, answered + refused);
            assertTrue(sipfront.auditLines().stream()
                    .anyMatch(l -> l.contains("carrier carrier-b: max_concurrent_calls 50")), withLog("audit"));
        }
    }

    @Test
    void thePlatformsOptionsAtOneThousandASecondAreAllAnswered() throws Exception {
        uac("uac-options.xml", "platform").local(PLATFORM_1, 5070).calls(3000).rate(1000).start()
                .await(Duration.ofSeconds(60)).assertAllSucceeded(3000);
    }

    @Test
    void aFloodOfThreeThousandASecondIsBannedWhileFiftyCallsASecondGoThrough() throws Exception {
        try (Run ca = uas("uas.xml", "carrier-a").local(CARRIER_A).start();
             Run cb = uas("uas.xml", "carrier-b").local(CARRIER_B).start()) {
            Run calls = uac("uac.xml", "platform").local(PLATFORM_1).calls(550).rate(50).start();
            UdpFlood.Result flood = UdpFlood.run("127.0.0.98", 3000, Duration.ofSeconds(10), null,
                    Duration.ofSeconds(1));
            assertTrue(EdgeApi.isBanned("127.0.0.98"), withLog("the flooder is banned"));
            Result r = calls.await(Duration.ofSeconds(60));
            ca.stop();
            cb.stop();
            r.assertAllSucceeded(550);
            assertEquals(30_000, flood.sent());
            assertTrue(flood.answered() <= 40, withLog("the flooder got " + flood.answered() + " answers"));
            assertTrue(EdgeApi.metric("sipfront_edge_dropped_total{reason=\"banned\"") > 29_000,
                    withLog("dropped unparsed"));
        }
    }
}
