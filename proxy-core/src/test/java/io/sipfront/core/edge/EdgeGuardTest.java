package io.sipfront.core.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.EdgeSection;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.edge.EdgeGuard.Verdict;
import io.sipfront.core.testing.EdgeConfigs;
import io.sipfront.core.testing.Sip;
import io.sipfront.core.testing.TestConfigs;
import io.sipfront.time.FakeClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EdgeGuardTest {
    private static final String EDGE = """
            edge:
              flood: { window_s: 2, max_requests: 30, ban_s: 60, table_size: 64 }
              carriers:
                - { name: carrier-a, max_requests: 10 }
                - { name: carrier-b, max_requests: 10, over_limit: ban }
            """;
    private final FakeClock clock = new FakeClock();
    private final EdgeStats stats = new EdgeStats();
    private final SipfrontConfig config = EdgeConfigs.withEdge(EDGE);
    private final EdgeGuard guard = new EdgeGuard(clock, config.section(EdgeSection.SECTION), config.sources(), 256,
            stats);

    private static byte[] options(String userAgent) {
        return ("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.99:5060;branch=z9hG4bK1\r\n"
                + "From: <sip:x@127.0.0.99>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n"
                + (userAgent == null ? "" : "User-Agent: " + userAgent + "\r\n") + "Content-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static InetSocketAddress from(String ip, int port) {
        return new InetSocketAddress(TestConfigs.ip(ip), port);
    }

    private Verdict send(String ip, int port, String ua) {
        return guard.inspect(options(ua), from(ip, port));
    }

    @Test
    void anUnknownSourceOverTheThresholdIsBannedWhateverItsPortUntilTheBanEnds() {
        for (int i = 0; i < 30; i++) {
            assertEquals(Verdict.PASS, send("127.0.0.99", 5000 + i, "softphone"));
        }
        assertEquals(Verdict.DROP, send("127.0.0.99", 6000, "softphone"));
        assertEquals(1, stats.bans.sum());
        assertEquals("127.0.0.99", guard.bans().get(0).address());
        // Quiet from now on: the ban ends 60 s after the request that crossed the threshold, reported once.
        clock.advanceMillis(59_999);
        assertEquals(Verdict.DROP, send("127.0.0.99", 6000, "softphone"));
        clock.advanceMillis(2_001);
        guard.sweep();
        guard.sweep();
        assertEquals(1, stats.unbans.sum());
        assertTrue(guard.bans().isEmpty());
        assertEquals(Verdict.PASS, send("127.0.0.99", 6000, "softphone"));
    }

    @Test
    void aSourceStillFloodingKeepsItsBan() {
        for (int i = 0; i < 31; i++) {
            send("127.0.0.98", 5060, null);
        }
        for (int s = 0; s < 120; s++) {
            clock.advanceMillis(1000);
            for (int i = 0; i < 20; i++) {
                assertEquals(Verdict.DROP, send("127.0.0.98", 5060, null), "second " + s);
            }
        }
        assertEquals(1, stats.bans.sum());
        assertEquals(0, stats.unbans.sum());
    }

    @Test
    void thePlatformIsNeverCountedOrBanned() {
        for (int i = 0; i < 1000; i++) {
            assertEquals(Verdict.PASS, send("127.0.0.10", 5060, "friendly-scanner"));
        }
        assertEquals(0, guard.table().size());
    }

    @Test
    void scannersFromUnknownSourcesAreDroppedAndCountTowardTheBan() {
        assertEquals(Verdict.DROP, send("127.0.0.97", 5060, "friendly-scanner"));
        assertEquals(Verdict.DROP, send("127.0.0.97", 5060, "SIPVicious/0.3"));
        assertEquals(Verdict.PASS, send("127.0.0.96", 5060, "Linphone/5.0"));
        assertEquals(2, stats.droppedScanner.sum());
        for (int i = 0; i < 29; i++) {
            send("127.0.0.97", 5060, "friendly-scanner");
        }
        assertEquals(1, stats.bans.sum());
    }

    @Test
    void aCarrierOverItsLimitGets503AndItsResponsesAreNeverLimited() {
        for (int i = 0; i < 10; i++) {
            assertEquals(Verdict.PASS, send("127.0.0.20", 5060, null));
        }
        assertEquals(Verdict.REJECT, send("127.0.0.20", 5060, null));
        byte[] response = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Verdict.PASS, guard.inspect(response, from("127.0.0.20", 5060)));
        assertEquals(0, stats.bans.sum());
        for (int i = 0; i < 11; i++) {
            send("127.0.0.21", 5060, null);
        }
        assertEquals(Verdict.DROP, send("127.0.0.21", 5060, null), "carrier-b is configured to be banned");
        assertEquals(1, stats.bans.sum());
    }

    @Test
    void theOperatorLiftsABanAndAReloadThatTrustsTheSourceLiftsIt() {
        for (int i = 0; i < 31; i++) {
            send("127.0.0.99", 5060, null);
        }
        assertTrue(guard.unban(TestConfigs.ip("127.0.0.99")));
        assertFalse(guard.unban(TestConfigs.ip("127.0.0.99")));
        assertEquals(Verdict.PASS, send("127.0.0.99", 5060, null));
        for (int i = 0; i < 31; i++) {
            send("127.0.0.95", 5060, null);
        }
        SipfrontConfig trusting = EdgeConfigs.withEdge(EDGE + "  trusted: [127.0.0.95]\n");
        guard.apply(trusting.section(EdgeSection.SECTION), trusting.sources());
        assertTrue(guard.bans().isEmpty());
        assertEquals(2, stats.unbans.sum());
        assertEquals(Verdict.PASS, send("127.0.0.95", 5060, null));
    }

    @Test
    void withoutAnEdgeSectionEverythingPasses() {
        SipfrontConfig off = TestConfigs.loopback();
        EdgeGuard none = new EdgeGuard(clock, off.section(EdgeSection.SECTION), off.sources(), 256, stats);
        for (int i = 0; i < 100; i++) {
            assertEquals(Verdict.PASS, none.inspect(options("friendly-scanner"), from("127.0.0.99", 5060)));
        }
    }

    @Test
    void sipMessagesAsTheTestsWriteThemAreRequests() {
        assertTrue(io.sipfront.core.sip.PreScan.of(Sip.invite("x").getBytes(StandardCharsets.US_ASCII), 256)
                .isRequest());
    }
}
