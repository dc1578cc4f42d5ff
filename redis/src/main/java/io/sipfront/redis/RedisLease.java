package io.sipfront.redis;

import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * A lease in Redis that at most one node holds at a time, for work exactly one node of a cluster must do (the
 * registration of a carrier account). {@code SET key holder NX PX ttl} takes it; the holder renews it well before the
 * TTL and releases it on a clean stop; a node that dies loses it when the TTL runs out, and another node takes it.
 * Renewal and release compare the holder in a script, so a node whose lease expired and was taken cannot extend or
 * delete the new holder's. Blocking calls: use them from a thread of their own, never an event loop.
 *
 * <p>Redis with Sentinel replicates asynchronously: a lease written just before the master dies can be lost in the
 * failover, so a second node may take it while the first still thinks it holds it, until the first's next renewal
 * fails (at most one renewal interval of two registrants; never none).
 */
public final class RedisLease {
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private final UnifiedJedis jedis;
    private final String key;
    private final String holder;
    private final long ttlMs;

    /**
     * @param key    names what is leased, e.g. {@code sipfront:cluster:lease:registration:carrier-a}
     * @param holder this node's id
     * @param ttlMs  how long the lease outlives its holder's last renewal
     */
    public RedisLease(UnifiedJedis jedis, String key, String holder, long ttlMs) {
        if (ttlMs <= 0) {
            throw new IllegalArgumentException("ttlMs must be positive: " + ttlMs);
        }
        this.jedis = jedis;
        this.key = key;
        this.holder = holder;
        this.ttlMs = ttlMs;
    }

    /**
     * Takes the lease when nobody holds it, or renews it when this node does.
     *
     * @return whether this node holds the lease now
     * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached: the caller keeps what it
     *                                                       believed until its own lease time has run out
     */
    public boolean acquireOrRenew() {
        if ("OK".equals(jedis.set(key, holder, SetParams.setParams().nx().px(ttlMs)))) {
            return true;
        }
        return renew();
    }

    /** Extends the lease if this node still holds it. */
    public boolean renew() {
        Object r = jedis.eval(RENEW, List.of(key), List.of(holder, Long.toString(ttlMs)));
        return r instanceof Long n && n == 1L;
    }

    /** Gives the lease up if this node holds it (a clean stop), so another node takes it at once. */
    public boolean release() {
        Object r = jedis.eval(RELEASE, List.of(key), List.of(holder));
        return r instanceof Long n && n == 1L;
    }

    /** Who holds the lease now, or null. */
    public String holder() {
        return jedis.get(key);
    }

    public String key() {
        return key;
    }
}
