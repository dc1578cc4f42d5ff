package io.sipfront.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.ha.config.HaSettings;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class VipControllerTest {
    final List<String> commands = new CopyOnWriteArrayList<>();
    final CommandRunner fake = new CommandRunner() {
        @Override
        public int run(List<String> argv, long timeoutMs) {
            commands.add(String.join(" ", argv));
            return 0;
        }

        @Override
        public void start(List<String> argv, IntConsumer onExit) {
            commands.add(String.join(" ", argv));
            onExit.accept(0);
        }
    };

    @Test
    void acquireAddsTheVipThenAnnouncesItGarpCountTimesAndReleaseRemovesIt() throws Exception {
        HaSettings.Vip vip = new HaSettings.Vip(InetAddress.getByName("10.77.0.100"), 24, "eth0", 3);
        VipController controller = new VipController(vip, fake, null);
        controller.acquire();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (commands.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(controller.held());
        assertEquals(List.of("ip addr add 10.77.0.100/24 dev eth0", "arping -q -U -c 1 -I eth0 10.77.0.100",
                "arping -q -U -c 1 -I eth0 10.77.0.100", "arping -q -U -c 1 -I eth0 10.77.0.100"), commands);
        controller.releaseAndWait(5000);
        assertFalse(controller.held());
        assertEquals("ip addr del 10.77.0.100/24 dev eth0", commands.get(commands.size() - 1));
    }

    @Test
    void ipv6IsAnnouncedWithAnUnsolicitedNeighbourAdvertisement() throws Exception {
        HaSettings.Vip vip = new HaSettings.Vip(InetAddress.getByName("fd00::100"), 64, "eth0", 1);
        assertEquals(List.of("ndsend", "fd00:0:0:0:0:0:0:100", "eth0"),
                new VipController(vip, fake, null).announceCommand());
    }
}
