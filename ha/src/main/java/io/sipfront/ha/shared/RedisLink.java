package io.sipfront.ha.shared;

import io.sipfront.redis.RedisClients;
import io.sipfront.redis.RedisSettings;
import redis.clients.jedis.UnifiedJedis;

/**
 * The client for shared state, made on first use so that a node whose Redis (or every Sentinel) is unreachable at
 * start still starts. Two pooled connections: one held by the subscription, one for the worker's commands. Only
 * the shared-state threads call it.
 */
final class RedisLink implements AutoCloseable {
    private final RedisSettings settings;
    private UnifiedJedis client;
    private boolean closed;

    RedisLink(RedisSettings settings) {
        this.settings = settings;
    }

    /** @throws redis.clients.jedis.exceptions.JedisException when no master can be found through Sentinel */
    synchronized UnifiedJedis client() {
        if (closed) {
            throw new IllegalStateException("shared state closed");
        }
        if (client == null) {
            client = RedisClients.open(settings, "sipfront-shared-state", 3); // subscription + worker + a spare
        }
        return client;
    }

    String describe() {
        return RedisClients.describe(settings);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
