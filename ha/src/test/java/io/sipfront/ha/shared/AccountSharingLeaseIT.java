package io.sipfront.ha.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.ha.config.SharedStateSettings;
import io.sipfront.redis.RedisClients;
import io.sipfront.redis.RedisSettings;
import io.sipfront.redis.testing.RedisServer;
import io.sipfront.time.Clock;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The registrar lease as the nodes of a cluster use it (AccountSharing over redis.RedisLease), against a real
 * redis-server: one node holds it, the others do not register, and a clean stop hands it over at once instead of
 * after the lease time.
 */
class AccountSharingLeaseIT {
    private static final String KEY = "sipfront:ha:test:accounts:registrar";
    private RedisServer server;
    private RedisSettings redis;
    private UnifiedJedis jedis;

    @BeforeEach
    void start() throws Exception {
        RedisServer.requireInstalled();
        server = new RedisServer(Path.of("target", "redis-it", "account-lease-" + System.nanoTime() + ".log"));
        server.start();
        redis = new RedisSettings(List.of(new RedisSettings.Address("127.0.0.1", server.port())), null, List.of(),
                null, 0, 1000, 1000);
        jedis = RedisClients.open(redis, "account-lease-test", 2);
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

    private AccountSharing node(String id) {
        return AccountSharing.start(new SharedStateSettings(true, "test", id, 30_000), redis, Clock.SYSTEM);
    }

    /** Polls a condition the worker threads make true, for at most {@code ms}. */
    private static boolean within(long ms, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Test
    void oneNodeRegistersAndACleanStopHandsTheLeaseOverBeforeItRunsOut() throws Exception {
        AccountSharing node1 = node("node1");
        AccountSharing node2 = null;
        try {
            assertTrue(within(2_000, node1::holdsRegistrarLease), "the first node takes the free lease");
            node2 = node("node2");
            AccountSharing second = node2;
            assertFalse(within(3 * AccountSharing.TICK_MS, second::holdsRegistrarLease),
                    "a second node does not register while the first renews");
            assertEquals("node1", jedis.get(KEY));
            long ttl = jedis.pttl(KEY);
            assertTrue(ttl > 0 && ttl <= AccountSharing.LEASE_MS, "the lease runs out by itself: " + ttl);

            node1.close();
            assertFalse(node1.holdsRegistrarLease());
            // Released, not left to run out: the other node takes it within a tick or two, far below LEASE_MS.
            assertTrue(within(AccountSharing.LEASE_MS / 3, second::holdsRegistrarLease),
                    "the other node takes the released lease at once");
            assertEquals("node2", jedis.get(KEY));
        } finally {
            node1.close();
            if (node2 != null) {
                node2.close();
            }
        }
    }
}
