package io.sipfront.ha.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.redis.RedisClients;
import io.sipfront.redis.RedisLease;
import io.sipfront.redis.RedisSettings;
import io.sipfront.redis.testing.RedisServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The registration lease of a cluster (io.sipfront.redis.RedisLease): exactly one holder of a lease among nodes sharing one Redis, against a real redis-server. */
class RedisLeaseIT {
    static final String KEY = "sipfront:cluster:lease:registration:carrier-a";
    private RedisServer server;
    private UnifiedJedis jedis;

    @BeforeEach
    void start() throws Exception {
        RedisServer.requireInstalled();
        server = new RedisServer(Path.of("target", "redis-it", "lease-" + System.nanoTime() + ".log"));
        server.start();
        RedisSettings s = new RedisSettings(List.of(new RedisSettings.Address("127.0.0.1", server.port())), null,
                List.of(), null, 0, 1000, 1000);
        jedis = RedisClients.open(s, "lease-test", 4);
    }

    @AfterEach
    void stop() throws Exception {
        if (jedis != null) {
            jedis.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void oneNodeHoldsTheLeaseAndRenewsItWhileTheOthersCannotTakeOrExtendIt() {
        RedisLease node1 = new RedisLease(jedis, KEY, "node1", 30_000);
        RedisLease node2 = new RedisLease(jedis, KEY, "node2", 30_000);
        assertTrue(node1.acquireOrRenew());
        assertFalse(node2.acquireOrRenew());
        assertFalse(node2.renew());
        assertFalse(node2.release(), "never deletes another node's lease");
        assertEquals("node1", node2.holder());
        assertTrue(node1.acquireOrRenew(), "the holder renews");
        long ttl = jedis.pttl(KEY);
        assertTrue(ttl > 0 && ttl <= 30_000, "expires by itself if the holder dies: " + ttl);
    }

    @Test
    void aReleasedOrExpiredLeaseGoesToTheNextNodeAndTheOldHolderCannotExtendTheNewOnes() {
        RedisLease node1 = new RedisLease(jedis, KEY, "node1", 30_000);
        RedisLease node2 = new RedisLease(jedis, KEY, "node2", 30_000);
        assertTrue(node1.acquireOrRenew());
        assertTrue(node1.release());
        assertNull(node1.holder());
        assertTrue(node2.acquireOrRenew(), "a clean stop hands it over at once");

        jedis.del(KEY); // what the TTL does when node2 dies
        assertTrue(node1.acquireOrRenew());
        assertFalse(node2.renew(), "node2, back from a pause, finds node1 holding it");
        assertEquals("node1", node1.holder());
    }
}
