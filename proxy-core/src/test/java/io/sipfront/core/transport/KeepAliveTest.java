package io.sipfront.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** RFC 5626 keep-alives on connections we open: pings when idle, pongs keep it, silence closes it. */
class KeepAliveTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.20", 5060);
    private final TransportStats stats = new TransportStats();

    private EmbeddedChannel connection(boolean outbound, long keepAliveMs) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        StreamPipeline pipeline = new StreamPipeline(65536, 30_000, new SafeSink(m -> { }), stats);
        pipeline.sendKeepAlives(keepAliveMs);
        pipeline.configure(ch, new TcpFlow(ch, PEER, outbound));
        return ch;
    }

    private static void advance(EmbeddedChannel ch, long seconds) {
        for (long s = 0; s < seconds; s++) {
            ch.advanceTimeBy(1, TimeUnit.SECONDS);
            ch.runScheduledPendingTasks();
        }
    }

    /** Pings written; nothing else may be (a pong taken for a ping would be answered with a CRLF). */
    private static int pings(EmbeddedChannel ch) {
        int n = 0;
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            assertEquals("\r\n\r\n", b.toString(StandardCharsets.US_ASCII));
            b.release();
            n++;
        }
        return n;
    }

    @Test
    void anOutboundConnectionPingsWhenIdleAndStaysWhileThePeerAnswers() {
        EmbeddedChannel ch = connection(true, 10_000);
        advance(ch, 10);
        assertEquals(1, pings(ch));
        for (int i = 0; i < 6; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer("\r\n".getBytes(StandardCharsets.US_ASCII))); // pong
            advance(ch, 10);
            assertEquals(1, pings(ch));
        }
        assertTrue(ch.isOpen(), "60 s with pongs: the connection is kept past the 30 s idle timeout");
        assertEquals(7, stats.keepAlivesSent());
    }

    @Test
    void aPeerThatAnswersNoPingIsClosedAtTheNextInterval() {
        EmbeddedChannel ch = connection(true, 10_000);
        advance(ch, 19);
        assertTrue(ch.isOpen());
        assertEquals(1, pings(ch));
        advance(ch, 1);
        assertFalse(ch.isOpen());
        assertEquals(1, stats.keepAliveFailures());
    }

    @Test
    void noPingWhileMessagesFlow() {
        EmbeddedChannel ch = connection(true, 10_000);
        for (int i = 0; i < 5; i++) {
            ch.writeOutbound(Unpooled.wrappedBuffer("OPTIONS".getBytes(StandardCharsets.US_ASCII)));
            ByteBuf sent = ch.readOutbound();
            sent.release();
            advance(ch, 10);
        }
        assertTrue(ch.isOpen());
        assertEquals(0, stats.keepAlivesSent());
    }

    @Test
    void acceptedConnectionsAndTheDefaultSendNoPings() {
        EmbeddedChannel accepted = connection(false, 10_000);
        advance(accepted, 20);
        assertNull(accepted.readOutbound());
        EmbeddedChannel quiet = connection(true, 0);
        advance(quiet, 20);
        assertNull(quiet.readOutbound());
    }
}
