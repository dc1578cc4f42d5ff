package io.sipfront.core.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client and a server connected in memory: two {@link EmbeddedChannel}s whose written bytes the test carries
 * across with {@link #pump()}. Single-threaded and deterministic; time moves only with {@link #advance}.
 */
final class TlsPair implements AutoCloseable {
    final EmbeddedChannel client = new EmbeddedChannel();
    final EmbeddedChannel server = new EmbeddedChannel();
    final SslHandler clientSsl;
    final SslHandler serverSsl;
    final Side clientSide = new Side();
    final Side serverSide = new Side();

    /**
     * What reaches the end of a pipeline: decrypted text and exceptions. A failed handshake closes the channel, which
     * empties the pipeline, so later exceptions land in EmbeddedChannel's record instead; {@link #collect} moves them
     * here, so that they never surface as a rethrow in an unrelated call.
     */
    static final class Side extends ChannelInboundHandlerAdapter {
        final StringBuilder received = new StringBuilder();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received.append(text(msg));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    }

    /** The text of a read buffer, which is released. */
    static String text(Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    /** Connects a client to {@code peerHost} with the two contexts and runs the handshake to its end. */
    static TlsPair connect(ReloadableSslContext serverContext, ReloadableSslContext clientContext, String peerHost) {
        TlsPair pair = start(serverContext, clientContext, peerHost);
        pair.pump();
        return pair;
    }

    /** Creates both ends with time frozen; nothing is carried across until {@link #pump()}. */
    static TlsPair start(ReloadableSslContext serverContext, ReloadableSslContext clientContext, String peerHost) {
        return new TlsPair(serverContext.newServerHandler(io.netty.buffer.ByteBufAllocator.DEFAULT),
                clientContext.newClientHandler(io.netty.buffer.ByteBufAllocator.DEFAULT, peerHost, 5061));
    }

    TlsPair(SslHandler serverSsl, SslHandler clientSsl) {
        this.serverSsl = serverSsl;
        this.clientSsl = clientSsl;
        client.freezeTime();
        server.freezeTime();
        server.pipeline().addLast(serverSsl, serverSide);
        client.pipeline().addLast(clientSsl, clientSide);
    }

    /** Carries bytes both ways until neither side has anything left to send. */
    void pump() {
        for (int round = 0; round < 100; round++) {
            boolean moved = carry(client, server) | carry(server, client);
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("the two sides never stopped talking");
    }

    void clientSends(String text) {
        client.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        collect();
        pump();
    }

    void serverSends(String text) {
        server.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        collect();
        pump();
    }

    void advance(long millis) {
        client.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        server.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        client.runScheduledPendingTasks();
        server.runScheduledPendingTasks();
        collect();
    }

    /** The client's handshake outcome: null when it succeeded, else its cause. Fails if still running. */
    Throwable clientHandshakeFailure() {
        return outcome(clientSsl);
    }

    Throwable serverHandshakeFailure() {
        return outcome(serverSsl);
    }

    private static Throwable outcome(SslHandler ssl) {
        if (!ssl.handshakeFuture().isDone()) {
            throw new AssertionError("the handshake has not finished");
        }
        return ssl.handshakeFuture().cause();
    }

    private boolean carry(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        from.runPendingTasks();
        collect();
        for (Object out = from.readOutbound(); out != null; out = from.readOutbound()) {
            moved = true;
            if (to.isActive()) {
                to.pipeline().fireChannelRead(out);
                to.pipeline().fireChannelReadComplete();
                to.runPendingTasks();
                collect();
            } else {
                ((ByteBuf) out).release();
            }
        }
        return moved;
    }

    private void collect() {
        collect(client, clientSide);
        collect(server, serverSide);
    }

    private static void collect(EmbeddedChannel channel, Side side) {
        try {
            channel.checkException(); // throws and forgets what EmbeddedChannel recorded
        } catch (Throwable recorded) {
            side.errors.add(recorded);
        }
    }

    @Override
    public void close() {
        collect();
        client.close();
        server.close();
        collect();
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }
}
