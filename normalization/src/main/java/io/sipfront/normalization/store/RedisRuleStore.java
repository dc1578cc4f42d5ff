package io.sipfront.normalization.store;

import io.sipfront.normalization.config.NumberingPlan;
import io.sipfront.redis.RedisClients;
import io.sipfront.redis.RedisSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Plans in Redis, shared by the nodes of a pair: one key per carrier holding the whole plan as JSON (so a SET replaces
 * it atomically), a set of carrier names, a change counter, and a pub/sub channel that tells every node at once.
 */
public final class RedisRuleStore implements RuleStore {
    private static final Logger log = LoggerFactory.getLogger(RedisRuleStore.class);
    static final String PREFIX = "sipfront:numbering:";
    static final String CARRIERS = PREFIX + "carriers";
    static final String VERSION = PREFIX + "version";
    static final String CHANNEL = PREFIX + "changed";

    private final UnifiedJedis redis;
    private final String description;
    private volatile boolean closed;
    private volatile JedisPubSub subscription;

    private RedisRuleStore(UnifiedJedis redis, String description) {
        this.redis = redis;
        this.description = description;
    }

    /**
     * A direct connection is made lazily: an unreachable server shows up as a {@link StoreException} on first use.
     * With Sentinel, the master is looked up here, so no Sentinel answering fails the open.
     */
    public static RedisRuleStore open(RedisSettings s) throws StoreException {
        String description = RedisClients.describe(s);
        try {
            return new RedisRuleStore(RedisClients.open(s, "sipfront-numbering", 4), description);
        } catch (JedisException e) {
            throw new StoreException("cannot find the master through " + description + ": " + e.getMessage(), e);
        }
    }

    static String planKey(String carrier) {
        return PREFIX + "plan:{" + carrier + "}";
    }

    @Override
    public Map<String, NumberingPlan> loadAll() throws StoreException {
        try {
            List<String> carriers = new ArrayList<>(new TreeSet<>(redis.smembers(CARRIERS)));
            Map<String, NumberingPlan> plans = new LinkedHashMap<>();
            for (String carrier : carriers) {
                String json = redis.get(planKey(carrier));
                if (json != null) {
                    plans.put(carrier, PlanCodec.decode(json));
                }
            }
            return plans;
        } catch (JedisException | IllegalArgumentException e) {
            throw new StoreException("cannot read plans from " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(NumberingPlan plan) throws StoreException {
        try {
            redis.set(planKey(plan.carrier()), PlanCodec.encode(plan));
            changed(plan.carrier());
        } catch (JedisException e) {
            throw new StoreException("cannot write the plan of " + plan.carrier() + " to " + description + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void seedMissing(Iterable<NumberingPlan> plans) throws StoreException {
        try {
            for (NumberingPlan plan : plans) {
                if ("OK".equals(redis.set(planKey(plan.carrier()), PlanCodec.encode(plan), SetParams.setParams().nx()))) {
                    changed(plan.carrier());
                } else {
                    redis.sadd(CARRIERS, plan.carrier()); // repairs a set that lost the name
                }
            }
        } catch (JedisException e) {
            throw new StoreException("cannot seed plans in " + description + ": " + e.getMessage(), e);
        }
    }

    private void changed(String carrier) {
        redis.sadd(CARRIERS, carrier);
        redis.incr(VERSION);
        redis.publish(CHANNEL, carrier);
    }

    @Override
    public long changeVersion() throws StoreException {
        try {
            String v = redis.get(VERSION);
            return v == null ? 0 : Long.parseLong(v);
        } catch (JedisException | NumberFormatException e) {
            throw new StoreException("cannot read the change counter of " + description + ": " + e.getMessage(), e);
        }
    }

    /**
     * Calls {@code onChange} whenever any node publishes a change, on a thread of its own that resubscribes after a
     * lost connection (a change missed meanwhile is caught by the change-counter poll).
     */
    public void subscribe(Runnable onChange) {
        Thread t = new Thread(() -> {
            while (!closed) {
                JedisPubSub sub = new JedisPubSub() {
                    @Override
                    public void onMessage(String channel, String message) {
                        onChange.run();
                    }
                };
                subscription = sub;
                try {
                    redis.subscribe(sub, CHANNEL);
                } catch (RuntimeException e) {
                    if (!closed) {
                        log.debug("numbering change subscription lost: {}", e.toString());
                    }
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "numbering-redis-subscriber");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        closed = true;
        RedisClients.unsubscribeQuietly(subscription);
        redis.close();
    }
}
