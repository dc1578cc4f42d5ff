package io.sipfront.core.transport;

import static io.sipfront.core.transport.NettyTransportUdpTest.sipMessageOfLength;
import static io.sipfront.core.transport.NettyTransportUdpTest.waitUntil;
import static io.sipfront.core.transport.TransportFixture.LOOPBACK;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.Epoll;
import io.sipfront.config.LimitSettings;
import io.sipfront.config.ListenAddress;
import io.sipfront.net.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class NettyTransportTcpTest {
    private static final int MAX = 8192;
    private static final LimitSettings LIMITS = new LimitSettings(MAX, 256, 3, 60_000);

    private TransportFixture fixture;
    private final List<AutoCloseable> peers = new ArrayList<>();

    @BeforeAll
    static void paranoid() {
        LeakCheck.assertParanoid();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable peer : peers) {
            peer.close();
        }
        if (fixture != null) {
            fixture.close();
        }
        LeakCheck.assertNoLeaks();
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void inboundMessageCarriesItsFlowAndTheResponseGoesBackOnTheSameConnection(boolean epoll) throws Exception {
        fixture = TransportFixture.start(epoll, 2, LIMITS);
        Socket client = connect(fixture.bound(Transport.TCP));
        byte[] invite = sipMessageOfLength(3000);
        client.getOutputStream().write(invite);

        TransportFixture.Received r = fixture.next();
        InboundMessage in = r.message();
        assertArrayEquals(invite, in.bytes());
        assertEquals(Transport.TCP, in.transport());
        assertEquals(client.getLocalSocketAddress(), in.source());
        assertEquals(fixture.bound(Transport.TCP), in.local());
        assertNotNull(in.flow());
        assertTrue(in.flow().isOpen());
        assertEquals(Transport.TCP, in.flow().transport());
        assertEquals(in.source(), in.flow().remote());
        assertTrue(r.thread().startsWith("sip-loop-"));

        // The address given is a closed port: only the flow can carry the response to the client.
        byte[] ok = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(US_ASCII);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        fixture.transport.send(new OutboundTarget(Transport.TCP, closedPort(), in.flow()), ok,
                (t, cause) -> failure.set(cause));
        assertArrayEquals(ok, readExactly(client, ok.length));
        assertEquals(null, failure.get());

        // A second message on the connection carries the same flow.
        client.getOutputStream().write(invite);
        assertSame(in.flow(), fixture.next().message().flow());
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void sendOpensOneConnectionQueuesInOrderAndReusesIt(boolean epoll) throws Exception {
        fixture = TransportFixture.start(epoll, 2, LIMITS);
        CountingServer peer = new CountingServer();
        OutboundTarget target = OutboundTarget.of(Transport.TCP, peer.address());
        AtomicInteger failures = new AtomicInteger();

        // Sent back to back: all but the first wait for the connection the first one started.
        List<byte[]> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] msg = sipMessageOfLength(400 + i);
            burst.add(msg);
            fixture.transport.send(target, msg, (t, c) -> failures.incrementAndGet());
        }
        Socket accepted = peer.acceptOne();
        assertEquals(LOOPBACK, accepted.getInetAddress(), "connections leave from our TCP listen IP");
        assertNotEquals(fixture.bound(Transport.TCP).getPort(), accepted.getPort());
        for (byte[] msg : burst) {
            assertArrayEquals(msg, readExactly(accepted, msg.length));
        }

        byte[] later = sipMessageOfLength(500);
        fixture.transport.send(target, later, (t, c) -> failures.incrementAndGet());
        assertArrayEquals(later, readExactly(accepted, later.length));
        peer.assertNoFurtherConnection();
        assertEquals(0, failures.get());
        assertEquals(1, fixture.transport.stats().connectionsOpened());

        // The peer answers on the connection we opened: delivered with that connection's flow.
        byte[] response = "SIP/2.0 200 OK\r\nl: 0\r\n\r\n".getBytes(US_ASCII);
        accepted.getOutputStream().write(response);
        InboundMessage in = fixture.next().message();
        assertArrayEquals(response, in.bytes());
        assertEquals(peer.address(), in.source());
        assertEquals(peer.address(), in.flow().remote());
        assertTrue(in.flow().isOpen());
    }

    @Test
    void sendToAnAddressReusesAnInboundConnectionFromIt() throws Exception {
        fixture = TransportFixture.start(true, 2, LIMITS);
        Socket client = connect(fixture.bound(Transport.TCP));
        client.getOutputStream().write(sipMessageOfLength(200));
        fixture.next(); // the connection is registered

        // No flow given; the client's ephemeral port has no listener, so only reuse can deliver this.
        byte[] request = sipMessageOfLength(300);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        fixture.transport.send(OutboundTarget.of(Transport.TCP, (InetSocketAddress) client.getLocalSocketAddress()),
                request, (t, c) -> failure.set(c));
        assertArrayEquals(request, readExactly(client, request.length));
        assertEquals(null, failure.get());
        assertEquals(0, fixture.transport.stats().connectionsOpened());
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void sendToAClosedPortReportsEveryQueuedMessageFailedOnceAndQuickly(boolean epoll) throws Exception {
        fixture = TransportFixture.start(epoll, 2, LIMITS);
        OutboundTarget target = OutboundTarget.of(Transport.TCP, closedPort());
        ConcurrentMap<Integer, AtomicInteger> failuresByMessage = new ConcurrentHashMap<>();
        List<String> failureThreads = new CopyOnWriteArrayList<>();
        List<OutboundTarget> failedTargets = new CopyOnWriteArrayList<>();

        long started = System.nanoTime();
        // Sent within one event-loop task: the connection attempt (opened on that same loop) cannot finish
        // in between, so the second and third message wait in its queue.
        fixture.loops.loops().get(0).submit(() -> {
            for (int i = 0; i < 3; i++) {
                int id = i;
                fixture.transport.send(target, sipMessageOfLength(200), (t, cause) -> {
                    failedTargets.add(t);
                    failureThreads.add(Thread.currentThread().getName());
                    failuresByMessage.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                });
            }
        });
        waitUntil(() -> failuresByMessage.size() == 3);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMs < 1000, "failure took " + elapsedMs + " ms");

        Thread.sleep(200); // any duplicate report would have come by now
        failuresByMessage.forEach((id, count) -> assertEquals(1, count.get(), "message " + id));
        assertTrue(failedTargets.stream().allMatch(t -> t == target));
        assertTrue(failureThreads.stream().allMatch(n -> n.startsWith("sip-loop-")), failureThreads.toString());
        assertEquals(1, fixture.transport.stats().connectFailures());
        assertEquals(3, fixture.transport.stats().sendFailures());
    }

    @Test
    void enforcesTheConnectionLimitPerSourceIp() throws Exception {
        fixture = TransportFixture.start(true, 2, LIMITS); // 3 per source
        InetSocketAddress listen = fixture.bound(Transport.TCP);
        List<Socket> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket socket = connect(listen);
            socket.getOutputStream().write(sipMessageOfLength(200));
            fixture.next(); // served: the connection holds a slot
            admitted.add(socket);
        }
        Socket excess = connect(listen);
        assertEquals(-1, excess.getInputStream().read(), "the fourth connection must be closed at once");
        assertEquals(1, fixture.transport.stats().connectionsRejected());
        assertEquals(3, fixture.transport.stats().connectionsAccepted());

        // The first three still work.
        for (Socket socket : admitted) {
            socket.getOutputStream().write(sipMessageOfLength(210));
            assertEquals(210, fixture.next().message().bytes().length);
        }
        // Closing one frees its slot.
        admitted.get(0).close();
        waitUntil(() -> fixture.transport.openConnections() == 2);
        Socket again = connect(listen);
        again.getOutputStream().write(sipMessageOfLength(220));
        assertEquals(220, fixture.next().message().bytes().length);
    }

    @Test
    void closesASilentConnectionAfterTheIdleTimeoutButNotOneKeptAlive() throws Exception {
        fixture = TransportFixture.start(true, 2, new LimitSettings(MAX, 256, 8, 300));
        InetSocketAddress listen = fixture.bound(Transport.TCP);
        Socket silent = connect(listen);
        Socket pinging = connect(listen);

        long started = System.nanoTime();
        for (int i = 0; i < 8; i++) { // 800 ms of pings, every 100 ms
            pinging.getOutputStream().write("\r\n\r\n".getBytes(US_ASCII));
            assertArrayEquals("\r\n".getBytes(US_ASCII), readExactly(pinging, 2), "pong");
            Thread.sleep(100);
        }
        assertEquals(-1, silent.getInputStream().read(), "the silent connection must be closed");
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMs >= 250, "closed too early: " + elapsedMs + " ms");

        pinging.getOutputStream().write(sipMessageOfLength(200));
        assertEquals(200, fixture.next().message().bytes().length, "the pinging connection must be open");
        assertEquals(1, fixture.transport.stats().connectionsClosedIdle());
    }

    @Test
    void closesTheConnectionOnAFramingError() throws Exception {
        fixture = TransportFixture.start(true, 1, LIMITS);
        Socket client = connect(fixture.bound(Transport.TCP));
        client.getOutputStream().write(
                "INVITE sip:b SIP/2.0\r\nContent-Length: 4\r\nContent-Length: 40\r\n\r\nbody".getBytes(US_ASCII));
        assertEquals(-1, client.getInputStream().read());
        assertEquals(1, fixture.transport.stats().framingErrors());
        assertEquals(null, fixture.poll(Duration.ofMillis(100)));
    }

    @Test
    void failsSendsToAConnectionThatStoppedReadingInsteadOfQueueingWithoutBound() throws Exception {
        fixture = TransportFixture.start(true, 1, LIMITS);
        CountingServer peer = new CountingServer();
        OutboundTarget target = OutboundTarget.of(Transport.TCP, peer.address());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        fixture.transport.send(target, sipMessageOfLength(100), (t, c) -> failure.set(c));
        Socket accepted = peer.acceptOne(); // and never read from it
        byte[] big = new byte[64 * 1024];
        int sends = 0;
        // Socket buffers take a few MB; past them the 1 MB high water mark must stop the queue.
        while (failure.get() == null && sends < 2_000) {
            fixture.transport.send(target, big, (t, c) -> failure.compareAndSet(null, c));
            sends++;
            if (sends % 16 == 0) {
                Thread.sleep(1);
            }
        }
        waitUntil(() -> failure.get() != null);
        assertTrue(failure.get().getMessage().contains("write buffer"), failure.get().toString());
        assertTrue(sends < 2_000);
        accepted.close();
    }

    @Test
    void tcpBindFailureNamesTheAddressAndTheReason() throws Exception {
        try (ServerSocket occupant = new ServerSocket(0, 1, LOOPBACK)) {
            int port = occupant.getLocalPort();
            BindFailedException e = assertThrows(BindFailedException.class, () -> TransportFixture.start(
                    Epoll.isAvailable(), 1, LIMITS, List.of(
                            new ListenAddress(Transport.UDP, LOOPBACK, 0),
                            new ListenAddress(Transport.TCP, LOOPBACK, port))));
            assertEquals("cannot bind tcp:127.0.0.1:" + port + ": Address already in use", e.getMessage());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        peers.add(socket);
        socket.connect(address, 2_000);
        socket.setSoTimeout((int) TransportFixture.WAIT.toMillis());
        return socket;
    }

    /** A port on 127.0.0.1 with nothing listening: bound once, then closed. */
    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return new InetSocketAddress(LOOPBACK, s.getLocalPort());
        }
    }

    private static byte[] readExactly(Socket socket, int length) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] bytes = in.readNBytes(length);
        assertEquals(length, bytes.length, "connection closed early");
        return bytes;
    }

    /** A plain peer on 127.0.0.1 that counts connections. */
    private final class CountingServer implements AutoCloseable {
        private final ServerSocket server;

        CountingServer() throws IOException {
            server = new ServerSocket();
            server.setReceiveBufferSize(4096); // inherited by accepted sockets: fills quickly when not read
            server.bind(new InetSocketAddress(LOOPBACK, 0), 50);
            peers.add(this);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        Socket acceptOne() throws IOException {
            server.setSoTimeout((int) TransportFixture.WAIT.toMillis());
            Socket socket = server.accept();
            socket.setSoTimeout((int) TransportFixture.WAIT.toMillis());
            peers.add(socket);
            return socket;
        }

        void assertNoFurtherConnection() throws IOException {
            server.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, server::accept);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
