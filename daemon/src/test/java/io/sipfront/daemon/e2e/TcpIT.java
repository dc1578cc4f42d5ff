package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.CARRIER_B;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import io.sipfront.daemon.e2e.Sipp.Transport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every destination reached over TCP ({@code ;transport=tcp}): calls with the carrier or the
 * platform leg on TCP, and a carrier whose port is closed, which must be skipped at once
 * (connection refused) rather than after the first-response timer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TcpIT extends E2eBase {
    @Override
    protected String configName() {
        return "loopback-tcp.yaml";
    }

    @Test
    @Order(1)
    void udpCallerToTcpCarrier() throws Exception {
        try (Run a = uas("uas.xml", "carrier-a").local(CARRIER_A).transport(Transport.TCP).start()) {
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).calls(2).rate(5)
                    .hold(Duration.ofMillis(200)).start().await(SHORT_RUN);
            Result ra = a.stop();
            caller.assertAllSucceeded(2);
            ra.assertNoFailures("invite", 2);
            assertTrue(ra.counter("ack") >= 2, () -> ra.evidence());
            CallFlowIT.assertTransportChangeRecordRoutes(caller.received("SIP/2.0 200").get(0));
            CallFlowIT.assertTransportChangeRecordRoutes(ra.received("INVITE ").get(0));
        }
    }

    @Test
    @Order(2)
    void tcpOnBothLegs() throws Exception {
        try (Run a = uas("uas.xml", "carrier-a").local(CARRIER_A).transport(Transport.TCP).start()) {
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).transport(Transport.TCP).calls(2).rate(5)
                    .hold(Duration.ofMillis(200)).start().await(SHORT_RUN);
            Result ra = a.stop();
            caller.assertAllSucceeded(2);
            ra.assertNoFailures("invite", 2);
            String invite = ra.received("INVITE ").get(0);
            List<String> rr = CallFlowIT.recordRoutes(invite);
            assertEquals(1, rr.size(), () -> "one Record-Route when both legs are TCP:\n" + invite);
            assertTrue(rr.get(0).toLowerCase().contains("transport=tcp"), () -> "a TCP Record-Route:\n" + invite);
        }
    }

    @Test
    @Order(3)
    void inboundOverTcpCalleeHangsUp() throws Exception {
        try (Run p1 = uas("uas-bye.xml", "platform-1").local(PLATFORM_1).transport(Transport.TCP)
                     .hold(Duration.ofMillis(300)).start();
             Run p2 = uas("uas-bye.xml", "platform-2").local(PLATFORM_2).transport(Transport.TCP)
                     .hold(Duration.ofMillis(300)).start()) {
            Result carrier = uac("uac-recv-bye.xml", "carrier-a").local(CARRIER_A).transport(Transport.TCP)
                    .service("442071234567").calls(2).rate(5).start().await(SHORT_RUN);
            Result r1 = p1.stop();
            Result r2 = p2.stop();
            carrier.assertAllSucceeded(2);
            assertEquals(2, r1.counter("invite") + r2.counter("invite"), () -> withLog(r1.evidence() + "\n" + r2.evidence()));
            assertEquals(0, r1.failed() + r2.failed(), () -> r1.evidence() + "\n" + r2.evidence());
        }
    }

    @Test
    @Order(4)
    void closedCarrierPortFailsOverAtOnce() throws Exception {
        // nothing listens on carrier-a's 127.0.0.20:5060/tcp: the connection is refused
        try (Run b = uas("uas.xml", "carrier-b").local(CARRIER_B).transport(Transport.TCP).start()) {
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).calls(1)
                    .callIdPrefix("forefused").start().await(SHORT_RUN);
            Result rb = b.stop();
            caller.assertAllSucceeded(1);
            rb.assertNoFailures("invite", 1);
            long ms = caller.elapsed().toMillis();
            assertTrue(ms < 1800, () -> "a refused connection must fail over at once, not after the 2 s timer; call took "
                    + ms + " ms");
            String line = sipfront.awaitCallLine("forefused-1-", Duration.ofSeconds(5)).orElse("");
            assertTrue(line.contains("carrier-a") && line.contains("carrier-b"),
                    () -> withLog("a failed-over call's log line should name both carriers: '" + line + "'"));
        }
    }
}
