package io.sipfront.core.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class SystemdNotifierTest {
    private TransportEventLoops loops;
    private Channel receiver;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() {
        assumeTrue(Epoll.isAvailable(), "epoll unavailable here");
        loops = TransportEventLoops.create(1);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (receiver != null) {
            receiver.close().sync();
        }
        if (loops != null) {
            loops.close();
        }
        LeakCheck.assertNoLeaks();
    }

    @Test
    void sendsStateDatagramsToAFileSystemSocket(@TempDir Path dir) throws Exception {
        String path = dir.resolve("notify.sock").toString();
        receiver = bindReceiver(path);
        try (SystemdNotifier notifier = SystemdNotifier.create(path, loops)) {
            assertTrue(notifier.isEnabled());
            assertTrue(notifier.ready().await(5, TimeUnit.SECONDS));
            assertEquals("READY=1", next());
            notifier.watchdog();
            assertEquals("WATCHDOG=1", next());
            notifier.status("draining\n2 calls");
            assertEquals("STATUS=draining 2 calls", next());
            notifier.stopping();
            assertEquals("STOPPING=1", next());
        }
    }

    @Test
    void sendsToTheAbstractNamespaceForALeadingAt() throws Exception {
        String name = "sipfront-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        receiver = bindReceiver('\0' + name);
        try (SystemdNotifier notifier = SystemdNotifier.create("@" + name, loops)) {
            notifier.ready();
            assertEquals("READY=1", next());
        }
    }

    @Test
    void isANoOpWithoutANotifySocket() throws Exception {
        try (SystemdNotifier unset = SystemdNotifier.create(null, loops);
             SystemdNotifier empty = SystemdNotifier.create("", loops);
             SystemdNotifier vsock = SystemdNotifier.create("vsock:2:1234", loops)) {
            for (SystemdNotifier notifier : new SystemdNotifier[] {unset, empty, vsock}) {
                assertFalse(notifier.isEnabled());
                assertTrue(notifier.ready().isSuccess());
                assertTrue(notifier.stopping().isSuccess());
            }
        }
    }

    @Test
    void isANoOpWithoutEpoll(@TempDir Path dir) throws Exception {
        String path = dir.resolve("notify.sock").toString();
        receiver = bindReceiver(path);
        try (TransportEventLoops nio = TransportEventLoops.create(1, false);
             SystemdNotifier notifier = SystemdNotifier.create(path, nio)) {
            assertFalse(notifier.isEnabled());
            assertTrue(notifier.ready().isSuccess());
        }
        assertNull(received.poll(100, TimeUnit.MILLISECONDS));
    }

    @Test
    void aMissingSocketIsLoggedNotThrown(@TempDir Path dir) throws Exception {
        try (SystemdNotifier notifier = SystemdNotifier.create(dir.resolve("absent.sock").toString(), loops)) {
            io.netty.util.concurrent.Future<Void> sent = notifier.ready();
            assertTrue(sent.await(5, TimeUnit.SECONDS));
            assertFalse(sent.isSuccess(), "nobody listens there");
        }
    }

    @Test
    void readsTheWatchdogTimeoutOnlyForThisProcess() {
        long pid = ProcessHandle.current().pid();
        assertEquals(Duration.ofSeconds(30), SystemdNotifier.watchdogTimeout("30000000", null));
        assertEquals(Duration.ofSeconds(30), SystemdNotifier.watchdogTimeout("30000000", Long.toString(pid)));
        assertNull(SystemdNotifier.watchdogTimeout("30000000", Long.toString(pid + 1)));
        assertNull(SystemdNotifier.watchdogTimeout(null, null));
        assertNull(SystemdNotifier.watchdogTimeout("0", null));
        assertNull(SystemdNotifier.watchdogTimeout("soon", null));
    }

    private Channel bindReceiver(String path) throws InterruptedException {
        return new Bootstrap()
                .group(loops.loops().get(0))
                .channel(EpollDomainDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket packet) {
                        received.add(packet.content().toString(UTF_8));
                    }
                })
                .bind(new DomainSocketAddress(path))
                .sync()
                .channel();
    }

    private String next() throws InterruptedException {
        String message = received.poll(5, TimeUnit.SECONDS);
        assertTrue(message != null, "nothing received");
        return message;
    }
}
