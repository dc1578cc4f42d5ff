package io.sipfront.ha.shared;

import io.sipfront.config.RedisSettings;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
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
            client = open(settings);
        }
        return client;
    }

    String describe() {
        return settings.sentinelMaster() != null ? "redis sentinel " + settings.sentinelMaster() + " "
                + settings.sentinels() : "redis " + settings.addresses().get(0);
    }

    private static UnifiedJedis open(RedisSettings s) {
        JedisClientConfig client = DefaultJedisClientConfig.builder()
                .password(s.password()).database(s.database())
                .connectionTimeoutMillis(s.connectTimeoutMs()).socketTimeoutMillis(s.timeoutMs())
                .clientName("sipfront-shared-state").build();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(3); // subscription + worker, one spare while a broken one is being replaced
        pool.setMaxWait(java.time.Duration.ofMillis(s.timeoutMs()));
        pool.setTestOnBorrow(false);
        if (s.sentinelMaster() != null) {
            Set<HostAndPort> sentinels = new HashSet<>();
            s.sentinels().forEach(a -> sentinels.add(new HostAndPort(a.host(), a.port())));
            JedisClientConfig sentinelClient = DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(s.connectTimeoutMs()).socketTimeoutMillis(s.timeoutMs()).build();
            return new JedisSentineled(s.sentinelMaster(), client, pool, sentinels, sentinelClient);
        }
        RedisSettings.Address a = s.addresses().get(0);
        return new JedisPooled(pool, new HostAndPort(a.host(), a.port()), client);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
