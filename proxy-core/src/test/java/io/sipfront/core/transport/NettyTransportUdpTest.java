package io.sipfront.core.transport;

import static io.sipfront.core.transport.TransportFixture.LOOPBACK;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.sipfront.config.LimitSettings;
import io.sipfront.config.ListenAddress;
import io.sipfront.net.Transport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class NettyTransportUdpTest {
    private static final int MAX = 8192;
    private static final LimitSettings LIMITS = new LimitSettings(MAX, 256, 16, 60_000);

    private TransportFixture fixture;
    private final List<DatagramSocket> clients = new ArrayList<>();

    @BeforeAll
    static void paranoid() {
        LeakCheck.assertParanoid();
    }

    @AfterEach
    void tearDown() throws Exception {
        clients.forEach(DatagramSocket::close);
        if (fixture != null) {
            fixture.close();
        }
        LeakCheck.assertNoLeaks();
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void deliversDatagramWithExactBytesSourceAndLocalOnAnEventLoop(boolean epoll) throws Exception {
        fixture = TransportFixture.start(epoll, 2, LIMITS);
        DatagramSocket client = client();
        byte[] options = "OPTIONS sip:p@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n".getBytes(US_ASCII);
        InetSocketAddress listen = fixture.bound(Transport.UDP);

        client.send(new DatagramPacket(options, options.length, listen));

        TransportFixture.Received r = fixture.next();
        assertArrayEquals(options, r.message().bytes());
        assertEquals(Transport.UDP, r.message().transport());
        assertEquals(client.getLocalSocketAddress(), r.message().source());
        assertEquals(listen, r.message().local());
        assertNull(r.message().flow());
        assertTrue(r.thread().startsWith("sip-loop-"), r.thread());
        assertEquals(1, fixture.transport.stats().datagramsReceived());
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void sendLeavesFromTheListenPortFromAnyThread(boolean epoll) throws Exception {
        fixture = TransportFixture.start(epoll, 2, LIMITS);
        DatagramSocket peer = client();
        InetSocketAddress listen = fixture.bound(Transport.UDP);
        OutboundTarget target = OutboundTarget.of(Transport.UDP, (InetSocketAddress) peer.getLocalSocketAddress());
        AtomicReference<Throwable> failure = new AtomicReference<>();

        byte[] fromTestThread = "from test thread".getBytes(US_ASCII);
        fixture.transport.send(target, fromTestThread, (t, cause) -> failure.set(cause));
        DatagramPacket first = receive(peer);
        assertArrayEquals(fromTestThread, data(first));
        assertEquals(listen, first.getSocketAddress(), "the peer must see our listen address and port");

        for (int loop = 0; loop < fixture.loops.size(); loop++) {
            byte[] fromLoop = ("from loop " + loop).getBytes(US_ASCII);
            fixture.loops.loops().get(loop)
                    .submit(() -> fixture.transport.send(target, fromLoop, (t, cause) -> failure.set(cause)))
                    .get(5, TimeUnit.SECONDS);
            DatagramPacket packet = receive(peer);
            assertArrayEquals(fromLoop, data(packet));
            assertEquals(listen, packet.getSocketAddress());
        }
        assertNull(failure.get());
        waitUntil(() -> fixture.transport.stats().datagramsSent() == 1 + fixture.loops.size());
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void sixThousandByteDatagramArrivesWhole(boolean epoll) throws Exception {
        fixture = TransportFixture.start(epoll, 2, LIMITS);
        byte[] invite = sipMessageOfLength(6000);
        client().send(new DatagramPacket(invite, invite.length, fixture.bound(Transport.UDP)));
        assertArrayEquals(invite, fixture.next().message().bytes());
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void dropsAndCountsDatagramsLongerThanTheLimitButKeepsOneOfExactlyTheLimit(boolean epoll) throws Exception {
        fixture = TransportFixture.start(epoll, 2, LIMITS);
        DatagramSocket client = client();
        InetSocketAddress listen = fixture.bound(Transport.UDP);
        byte[] oversize = sipMessageOfLength(MAX + 1);
        byte[] atLimit = sipMessageOfLength(MAX);

        client.send(new DatagramPacket(oversize, oversize.length, listen));
        client.send(new DatagramPacket(atLimit, atLimit.length, listen));

        // Datagrams from one socket are read in order: once the second arrives, the first was handled.
        assertArrayEquals(atLimit, fixture.next().message().bytes());
        assertEquals(1, fixture.transport.stats().oversizeDatagramsDropped());
        assertNull(fixture.poll(Duration.ofMillis(200)), "the oversize datagram must not be delivered");
    }

    @Test
    void readsSeveralDatagramsPerCallWithRecvmmsgAndKeepsThemApart() throws Exception {
        // With a small limit, epoll reads up to 16 datagrams per recvmmsg call into slots of MAX + 1 bytes.
        fixture = TransportFixture.start(true, 1, new LimitSettings(1024, 256, 16, 60_000));
        DatagramSocket client = client();
        InetSocketAddress listen = fixture.bound(Transport.UDP);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] msg = sipMessageOfLength(i % 2 == 0 ? 1025 : 100 + 20 * i); // every other one oversize
            sent.add(msg);
            client.send(new DatagramPacket(msg, msg.length, listen));
        }
        for (int i = 1; i < 40; i += 2) {
            assertArrayEquals(sent.get(i), fixture.next().message().bytes(), "datagram " + i);
        }
        assertEquals(20, fixture.transport.stats().oversizeDatagramsDropped());
    }

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void ignoresWhitespaceKeepAliveDatagrams(boolean epoll) throws Exception {
        fixture = TransportFixture.start(epoll, 1, LIMITS);
        DatagramSocket client = client();
        InetSocketAddress listen = fixture.bound(Transport.UDP);
        for (String keepAlive : List.of("\r\n\r\n", "\r\n", " ", "")) {
            byte[] b = keepAlive.getBytes(US_ASCII);
            client.send(new DatagramPacket(b, b.length, listen));
        }
        byte[] real = sipMessageOfLength(300);
        client.send(new DatagramPacket(real, real.length, listen));
        assertArrayEquals(real, fixture.next().message().bytes());
        assertNull(fixture.poll(Duration.ofMillis(100)));
        assertEquals(1, fixture.transport.stats().datagramsReceived());
    }

    @Test
    void spreadsPeersOverEveryLoopWithReusePort() throws Exception {
        fixture = TransportFixture.start(true, 2, LIMITS);
        InetSocketAddress listen = fixture.bound(Transport.UDP);
        // The kernel picks the socket by a hash of the peer's address: 24 peers all landing on one of two
        // sockets would happen with probability 2^-23.
        for (int i = 0; i < 24; i++) {
            byte[] msg = sipMessageOfLength(200);
            client().send(new DatagramPacket(msg, msg.length, listen));
        }
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            threads.add(fixture.next().thread());
        }
        assertEquals(Set.of("sip-loop-0", "sip-loop-1"), threads);
    }

    @Test
    void bindFailureNamesTheAddressAndTheReason() throws Exception {
        try (DatagramSocket occupant = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            int port = occupant.getLocalPort();
            BindFailedException e = assertThrows(BindFailedException.class, () -> TransportFixture.start(
                    Epoll.isAvailable(), 2, LIMITS, List.of(new ListenAddress(Transport.UDP, LOOPBACK, port))));
            assertEquals("cannot bind udp:127.0.0.1:" + port + ": Address already in use", e.getMessage());
            assertEquals(port, e.address().port());
        }
    }

    @Test
    void refusesToShareTheUdpPortWithAnotherReusePortInstance() throws Exception {
        assumeTrue(Epoll.isAvailable());
        fixture = TransportFixture.start(true, 2, LIMITS);
        int port = fixture.bound(Transport.UDP).getPort();
        // A second instance would bind without error (same user, SO_REUSEPORT) and take half the traffic.
        BindFailedException e = assertThrows(BindFailedException.class, () -> TransportFixture.start(
                true, 2, LIMITS, List.of(new ListenAddress(Transport.UDP, LOOPBACK, port))));
        assertTrue(e.getMessage().startsWith("cannot bind udp:127.0.0.1:" + port + ": "), e.getMessage());
    }

    @Test
    void sendAfterCloseFails() throws Exception {
        fixture = TransportFixture.start(true, 1, LIMITS);
        InetSocketAddress listen = fixture.bound(Transport.UDP);
        fixture.transport.close();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        fixture.transport.send(OutboundTarget.of(Transport.UDP, listen), new byte[] {1}, (t, c) -> failure.set(c));
        waitUntil(() -> failure.get() != null);
        // The port is free again.
        new DatagramSocket(listen).close();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private DatagramSocket client() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        socket.setSoTimeout((int) TransportFixture.WAIT.toMillis());
        clients.add(socket);
        return socket;
    }

    private static DatagramPacket receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        socket.receive(packet);
        return packet;
    }

    private static byte[] data(DatagramPacket packet) {
        return java.util.Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }

    /** A MESSAGE request of exactly {@code length} bytes, its body a recognisable pattern. */
    static byte[] sipMessageOfLength(int length) {
        String head = "MESSAGE sip:p@127.0.0.1 SIP/2.0\r\nContent-Length: %05d\r\n\r\n";
        int bodyLength = length - String.format(head, 0).length();
        StringBuilder body = new StringBuilder(bodyLength);
        for (int i = 0; i < bodyLength; i++) {
            body.append((char) ('a' + i % 26));
        }
        return (String.format(head, bodyLength) + body).getBytes(US_ASCII);
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TransportFixture.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within " + TransportFixture.WAIT);
            Thread.sleep(5);
        }
    }
}
