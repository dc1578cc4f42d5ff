package io.sipfront.normalization.store;

import io.sipfront.redis.RedisSettings;
import io.sipfront.redis.testing.RedisServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store contract on a real redis-server (one per test: an empty key space each time). */
class RedisRuleStoreIT extends RuleStoreContract {
    private RedisServer server;

    @BeforeEach
    void startRedis() throws Exception {
        RedisServer.requireInstalled();
        server = new RedisServer(Path.of("target", "redis-it", "redis-" + System.nanoTime() + ".log"));
        server.start();
    }

    @AfterEach
    void stopRedis() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    RuleStore open() throws StoreException {
        RedisRuleStore store = RedisRuleStore.open(new RedisSettings(
                List.of(new RedisSettings.Address("127.0.0.1", server.port())), null, List.of(), null, 0, 500, 500));
        return store;
    }

    @Override
    void takeDown(RuleStore cacheStore) throws Exception {
        server.stop();
    }

    @Override
    void bringBack() throws Exception {
        server.start(); // same port; the data is gone (no persistence), the cache's snapshot is not
    }
}
