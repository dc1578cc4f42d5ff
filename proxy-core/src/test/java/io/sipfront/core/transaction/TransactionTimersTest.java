package io.sipfront.core.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.config.TimerSettings;
import io.sipfront.core.testing.CapturingSender;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.time.TimerWheel;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.net.Transport;
import io.sipfront.time.FakeClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17 timers on a fake clock: what is retransmitted when, and when each transaction ends. */
class TransactionTimersTest {
    private final FakeClock clock = new FakeClock();
    private final TimerWheel wheel = new TimerWheel(clock, 10, 512);
    private final CapturingSender sender = new CapturingSender();
    private final TransactionTable table = new TransactionTable();
    private final TransactionContext ctx = new TransactionContext(table, wheel, sender, TimerSettings.DEFAULTS, Runnable::run);
    private final List<String> events = new ArrayList<>();
    private final ClientTransactionUser user = new ClientTransactionUser() {
        @Override
        public void onResponse(ClientTransaction tx, SIPResponse response) {
            events.add("response " + response.getStatusCode());
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
            events.add("timeout");
        }

        @Override
        public void onTransportError(ClientTransaction tx, Throwable cause) {
            events.add("transport-error");
        }
    };

    private static final OutboundTarget UDP = OutboundTarget.of(Transport.UDP, new InetSocketAddress("127.0.0.20", 5060));
    private static final OutboundTarget TCP = OutboundTarget.of(Transport.TCP, new InetSocketAddress("127.0.0.20", 5060));

    /** Milliseconds (from the start) at which something was sent, stepping the clock tick by tick. */
    private List<Long> sendTimes(long untilMillis) {
        List<Long> times = new ArrayList<>();
        for (long t = 10; t <= untilMillis; t += 10) {
            clock.advanceMillis(10);
            wheel.advance();
            for (int i = 0; i < sender.drain().size(); i++) {
                times.add(t);
            }
        }
        return times;
    }

    private static SIPResponse response(int status, String method) {
        String text = "SIP/2.0 " + status + " X\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKsf1\r\n"
                + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SIPResponse) ProxyHarness.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SentRequest sent() {
        SIPRequest r = (SIPRequest) ProxyHarness.parse(("INVITE sip:x@127.0.0.20 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKsf1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"
                + "Call-ID: x\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return new SentRequest(r.getRequestURI(), r.getTopmostVia(), (gov.nist.javax.sip.header.SIPHeader) r.getFrom(),
                (gov.nist.javax.sip.header.SIPHeader) r.getTo(), (gov.nist.javax.sip.header.SIPHeader) r.getCallId(),
                1, null);
    }

    @Test
    void inviteOverUdpDoublesTimerAUntilTimerBAt64T1() {
        InviteClientTransaction tx = new InviteClientTransaction(ctx, "z9hG4bKsf1", UDP, new byte[] {1}, sent(), user);
        tx.start();
        sender.drain();
        assertEquals(List.of(500L, 1500L, 3500L, 7500L, 15500L, 31500L), sendTimes(32_000));
        assertEquals(List.of("timeout"), events);
        assertNull(table.client("z9hG4bKsf1", "INVITE"), "removed from the table");
    }

    @Test
    void inviteOverTcpIsNeverRetransmitted() {
        new InviteClientTransaction(ctx, "z9hG4bKsf1", TCP, new byte[] {1}, sent(), user).start();
        sender.drain();
        assertEquals(List.of(), sendTimes(31_990));
        clock.advanceMillis(20);
        wheel.advance();
        assertEquals(List.of("timeout"), events);
    }

    @Test
    void aProvisionalStopsRetransmissionsAndTimerB() {
        InviteClientTransaction tx = new InviteClientTransaction(ctx, "z9hG4bKsf1", UDP, new byte[] {1}, sent(), user);
        tx.start();
        sender.drain();
        tx.onResponse(response(100, "INVITE"));
        assertEquals(List.of(), sendTimes(40_000));
        assertEquals(List.of("response 100"), events, "no Timer B once proceeding");
    }

    @Test
    void aRetransmittedFinalGetsTheSameAckAgainUntilTimerD() {
        InviteClientTransaction tx = new InviteClientTransaction(ctx, "z9hG4bKsf1", UDP, new byte[] {1}, sent(), user);
        tx.start();
        sender.drain();
        tx.onResponse(response(486, "INVITE"));
        List<CapturingSender.Sent> acks = sender.drain();
        assertEquals(1, acks.size());
        assertTrue(acks.get(0).text().startsWith("ACK sip:x@127.0.0.20 SIP/2.0\r\n"), acks.get(0).text());
        assertTrue(acks.get(0).text().contains("To: <sip:c@d>;tag=2\r\n"), "To of the response");
        assertTrue(acks.get(0).text().contains("CSeq: 1 ACK\r\n"));
        tx.onResponse(response(486, "INVITE"));
        assertEquals(acks.get(0).text(), sender.drain().get(0).text());
        assertEquals(List.of("response 486"), events, "the retransmission is not passed up");
        clock.advanceMillis(32_010);
        wheel.advance();
        assertEquals(0, table.clientCount());
    }

    @Test
    void nonInviteTimerEDoublesUpToT2() {
        new NonInviteClientTransaction(ctx, "z9hG4bKsf2", "BYE", UDP, new byte[] {1}, null, user).start();
        sender.drain();
        assertEquals(List.of(500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L),
                sendTimes(32_000));
        assertEquals(List.of("timeout"), events, "Timer F");
    }

    @Test
    void nonInviteInProceedingRetransmitsEveryT2() {
        NonInviteClientTransaction tx = new NonInviteClientTransaction(ctx, "z9hG4bKsf2", "BYE", UDP, new byte[] {1},
                null, user);
        tx.start();
        sender.drain();
        clock.advanceMillis(100);
        wheel.advance();
        tx.onResponse(response(100, "BYE"));
        List<Long> times = sendTimes(9_000);
        assertEquals(List.of(400L, 4400L, 8400L), times, "first E was already due at 500 ms, then every T2");
    }

    @Test
    void inviteServerTransactionRetransmitsItsFinalWithTimerGAndGivesUpAtTimerH() {
        SIPRequest invite = (SIPRequest) ProxyHarness.parse(("INVITE sip:x@y SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-s\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"
                + "Call-ID: s\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        OutboundTarget back = OutboundTarget.of(Transport.UDP, new InetSocketAddress("127.0.0.10", 5060));
        InviteServerTransaction tx = InviteServerTransaction.start(ctx, TransactionKeys.server(invite), invite, back,
                new byte[] {100});
        tx.sendResponse(480, new byte[] {48});
        sender.drain();
        assertEquals(List.of(500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L),
                sendTimes(32_000));
        assertEquals(0, table.serverCount(), "Timer H ended it");
    }

    @Test
    void nonInviteServerTransactionRepeatsItsResponseUntilTimerJ() {
        SIPRequest bye = (SIPRequest) ProxyHarness.parse(("BYE sip:x@y SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-b\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\n"
                + "Call-ID: b\r\nCSeq: 2 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        OutboundTarget back = OutboundTarget.of(Transport.UDP, new InetSocketAddress("127.0.0.10", 5060));
        NonInviteServerTransaction tx = NonInviteServerTransaction.start(ctx, TransactionKeys.server(bye), bye, back);
        tx.onRetransmission();
        assertEquals(0, sender.drain().size(), "nothing to repeat before a response");
        tx.sendResponse(200, new byte[] {2});
        tx.onRetransmission();
        assertEquals(2, sender.drain().size());
        clock.advanceMillis(32_010);
        wheel.advance();
        assertEquals(0, table.serverCount());
    }
}
