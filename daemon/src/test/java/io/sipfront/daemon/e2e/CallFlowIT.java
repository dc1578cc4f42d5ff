package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.CARRIER_B;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import io.sipfront.daemon.e2e.Sipp.Transport;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Whole calls through Sipfront on the loopback topology with every destination over UDP:
 * both directions, caller on UDP or TCP, BYE from either side, re-INVITE, CANCEL. Every
 * in-dialog request follows the Route set built from Sipfront's Record-Route.
 */
class CallFlowIT extends E2eBase {
    @Override
    protected String configName() {
        return "loopback-udp.yaml";
    }

    @Test
    void outboundOverUdpCallerHangsUp() throws Exception {
        try (Run a = uas("uas.xml", "carrier-a").local(CARRIER_A).start();
             Run b = uas("uas.xml", "carrier-b").local(CARRIER_B).start()) {
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).calls(3).rate(5)
                    .hold(Duration.ofMillis(300)).callIdPrefix("out-udp").start().await(SHORT_RUN);
            Result ra = a.stop();
            Result rb = b.stop();
            caller.assertAllSucceeded(3);
            assertEquals(3, ra.counter("invite"), () -> withLog("carrier-a INVITEs\n" + ra.evidence()));
            assertTrue(ra.counter("ack") >= 3, () -> withLog("carrier-a must get every ACK\n" + ra.evidence()));
            ra.assertNoFailures("invite", 3);
            assertEquals(0, rb.counter("invite"), "carrier-b must not be used while carrier-a answers");

            String invite = ra.received("INVITE ").get(0);
            assertTrue(invite.startsWith("INVITE sip:" + E2e.CALLED + "@127.0.0.20:5060"),
                    () -> "Request-URI host:port must be rewritten to carrier-a, user kept:\n" + invite);
            assertTrue(Pattern.compile("(?m)^Max-Forwards: *69\\s*$").matcher(invite).find(),
                    () -> "Max-Forwards 70 must arrive as 69:\n" + invite);
            assertEquals(1, recordRoutes(invite).size(), () -> "one Record-Route of Sipfront's:\n" + invite);
            String ok = caller.received("SIP/2.0 200").get(0);
            assertEquals(1, recordRoutes(ok).size(), () -> "the caller's 200 carries Sipfront's Record-Route:\n" + ok);
            for (String m : List.of("ACK ", "BYE ")) {
                String req = ra.received(m).get(0);
                assertTrue(E2e.topViaIsSipfront(req), () -> m + "must come through Sipfront:\n" + req);
            }
            String line = sipfront.awaitCallLine("out-udp-1-", Duration.ofSeconds(5)).orElse("");
            assertTrue(line.contains("carrier-a"), () -> withLog("call log line should name carrier-a: '" + line + "'"));
        }
    }

    @Test
    void inboundOverUdpIsSharedRoundRobin() throws Exception {
        try (Run p1 = uas("uas.xml", "platform-1").local(PLATFORM_1).start();
             Run p2 = uas("uas.xml", "platform-2").local(PLATFORM_2).start()) {
            Result carrier = uac("uac.xml", "carrier-a").local(CARRIER_A).service("442071234567").calls(4).rate(5)
                    .hold(Duration.ofMillis(200)).start().await(SHORT_RUN);
            Result r1 = p1.stop();
            Result r2 = p2.stop();
            carrier.assertAllSucceeded(4);
            assertEquals(2, r1.counter("invite"), () -> withLog("round-robin: 2 of 4 calls to platform-1\n" + r1.evidence()));
            assertEquals(2, r2.counter("invite"), () -> withLog("round-robin: 2 of 4 calls to platform-2\n" + r2.evidence()));
            assertTrue(r1.received("INVITE ").get(0).startsWith("INVITE sip:442071234567@127.0.0.10:5060"));
            assertTrue(r2.received("INVITE ").get(0).startsWith("INVITE sip:442071234567@127.0.0.11:5060"));
        }
    }

    @Test
    void outboundWithTcpCallerLegGetsTwoRecordRoutes() throws Exception {
        try (Run a = uas("uas.xml", "carrier-a").local(CARRIER_A).start()) {
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).transport(Transport.TCP).calls(2).rate(5)
                    .hold(Duration.ofMillis(200)).start().await(SHORT_RUN);
            Result ra = a.stop();
            caller.assertAllSucceeded(2);
            assertEquals(2, ra.counter("invite"), () -> withLog(ra.evidence()));
            assertTrue(ra.counter("ack") >= 2, () -> ra.evidence());
            assertTransportChangeRecordRoutes(caller.received("SIP/2.0 200").get(0));
            assertTransportChangeRecordRoutes(ra.received("INVITE ").get(0));
        }
    }

    @Test
    void inboundWithTcpCarrierLeg() throws Exception {
        try (Run p1 = uas("uas.xml", "platform-1").local(PLATFORM_1).start();
             Run p2 = uas("uas.xml", "platform-2").local(PLATFORM_2).start()) {
            Result carrier = uac("uac.xml", "carrier-a").local(CARRIER_A).transport(Transport.TCP).service("442071234567")
                    .calls(2).rate(5).hold(Duration.ofMillis(200)).start().await(SHORT_RUN);
            Result r1 = p1.stop();
            Result r2 = p2.stop();
            carrier.assertAllSucceeded(2);
            assertEquals(2, r1.counter("invite") + r2.counter("invite"), () -> withLog(r1.evidence() + "\n" + r2.evidence()));
            assertTransportChangeRecordRoutes(carrier.received("SIP/2.0 200").get(0));
        }
    }

    @Test
    void outboundCalleeHangsUp() throws Exception {
        try (Run a = uas("uas-bye.xml", "carrier-a").local(CARRIER_A).hold(Duration.ofMillis(300)).start()) {
            Result caller = uac("uac-recv-bye.xml", "platform").local(PLATFORM_1).calls(2).rate(5)
                    .start().await(SHORT_RUN);
            Result ra = a.stop();
            caller.assertAllSucceeded(2);
            ra.assertNoFailures("invite", 2);
            assertEquals(2, caller.counter("bye"), () -> caller.evidence());
            String bye = caller.received("BYE ").get(0);
            assertTrue(bye.startsWith("BYE sip:caller@127.0.0.10:5060"), () -> "BYE goes to the caller's Contact:\n" + bye);
            assertTrue(E2e.topViaIsSipfront(bye), () -> "BYE must come through Sipfront:\n" + bye);
        }
    }

    @Test
    void inboundOverTcpCalleeHangsUp() throws Exception {
        try (Run p1 = uas("uas-bye.xml", "platform-1").local(PLATFORM_1).hold(Duration.ofMillis(300)).start();
             Run p2 = uas("uas-bye.xml", "platform-2").local(PLATFORM_2).hold(Duration.ofMillis(300)).start()) {
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
    void reInviteFollowsTheRouteSet() throws Exception {
        try (Run a = uas("uas-reinvite.xml", "carrier-a").local(CARRIER_A).start()) {
            Result caller = uac("uac-reinvite.xml", "platform").local(PLATFORM_1).calls(1)
                    .hold(Duration.ofMillis(300)).start().await(SHORT_RUN);
            Result ra = a.stop();
            caller.assertAllSucceeded(1);
            ra.assertNoFailures("invite", 1);
            assertEquals(1, ra.counter("reinvite"), () -> ra.evidence());
            assertEquals(2, ra.counter("ack"), () -> ra.evidence());
            String reinvite = ra.received("INVITE sip:callee@").get(0);
            assertTrue(E2e.topViaIsSipfront(reinvite), () -> "re-INVITE through Sipfront:\n" + reinvite);
        }
    }

    @Test
    void cancelBeforeAnswer() throws Exception {
        try (Run a = uas("uas-cancel.xml", "carrier-a").local(CARRIER_A).start();
             Run b = uas("uas.xml", "carrier-b").local(CARRIER_B).start()) {
            Result caller = uac("uac-cancel.xml", "platform").local(PLATFORM_1).calls(1).start().await(SHORT_RUN);
            Result ra = a.stop();
            Result rb = b.stop();
            caller.assertAllSucceeded(1);
            assertEquals(1, caller.counter("cancel_200"), () -> caller.evidence());
            assertEquals(1, caller.counter("invite_487"), () -> caller.evidence());
            ra.assertNoFailures("invite", 1);
            assertEquals(1, ra.counter("cancel"), "carrier-a must get the CANCEL");
            assertEquals(1, ra.counter("ack"), "Sipfront must ACK the 487 hop-by-hop");
            assertEquals(0, rb.counter("invite"), "a 487 after CANCEL must not fail over");
        }
    }

    /** Every Record-Route entry of Sipfront's in a message (one header or several). */
    static List<String> recordRoutes(String message) {
        List<String> out = new java.util.ArrayList<>();
        for (String line : message.split("\r?\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, "Record-Route:", 0, 13)) {
                Matcher m = E2e.SIPFRONT_RR.matcher(line);
                while (m.find()) {
                    out.add(m.group());
                }
            }
        }
        return out;
    }

    /** A call that changes transport between legs carries two Record-Routes of Sipfront's, one of them TCP. */
    static void assertTransportChangeRecordRoutes(String message) {
        List<String> rr = recordRoutes(message);
        assertEquals(2, rr.size(), () -> "two Record-Route entries when the transport changes:\n" + message);
        assertTrue(rr.stream().anyMatch(r -> r.toLowerCase().contains("transport=tcp")),
                () -> "one Record-Route must say transport=tcp:\n" + message);
        assertFalse(rr.stream().allMatch(r -> r.toLowerCase().contains("transport=tcp")),
                () -> "one Record-Route must be for UDP:\n" + message);
    }
}
