package io.sipfront.redis;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

/**
 * A pooled Jedis client for {@link RedisSettings}, direct or through Sentinel: the one way every feature that keeps
 * state in Redis (numbering plans, HA shared state) connects, so they agree on timeouts, password and database.
 */
public final class RedisClients {
    private RedisClients() {
    }

    /**
     * A direct client connects lazily; with Sentinel the master is looked up here.
     *
     * @param clientName     shown by {@code CLIENT LIST} on the server, to tell the features apart
     * @param maxConnections the pool's size
     * @throws redis.clients.jedis.exceptions.JedisException when no Sentinel names a master
     */
    public static UnifiedJedis open(RedisSettings s, String clientName, int maxConnections) {
        JedisClientConfig client = DefaultJedisClientConfig.builder()
                .password(s.password()).database(s.database())
                .connectionTimeoutMillis(s.connectTimeoutMs()).socketTimeoutMillis(s.timeoutMs())
                .clientName(clientName).build();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(maxConnections);
        pool.setMaxWait(java.time.Duration.ofMillis(s.timeoutMs()));
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

    /** How logs and errors name the server: {@code redis 127.0.0.1:6379} or {@code redis sentinel NAME [...]}. */
    public static String describe(RedisSettings s) {
        return s.sentinelMaster() != null ? "redis sentinel " + s.sentinelMaster() + " " + s.sentinels()
                : "redis " + s.addresses().get(0);
    }

    /** Ends a pub/sub subscription on close; its connection is going away anyway, so a failure is ignored. */
    public static void unsubscribeQuietly(JedisPubSub subscription) {
        if (subscription != null && subscription.isSubscribed()) {
            try {
                subscription.unsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is closing with the subscriber
            }
        }
    }
}
