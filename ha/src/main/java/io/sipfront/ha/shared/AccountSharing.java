package io.sipfront.ha.shared;

import io.sipfront.core.auth.CseqShare;
import io.sipfront.core.auth.DialogCseq;
import io.sipfront.core.registration.RegistrationRecord;
import io.sipfront.core.registration.RegistrationStore;
import io.sipfront.ha.config.SharedStateSettings;
import io.sipfront.redis.RedisLease;
import io.sipfront.redis.RedisSettings;
import io.sipfront.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Carrier-account state shared by the nodes of a cluster through Redis, next to the destination health of
 * {@link SharedStateService} (same {@code redis} and {@code shared_state} settings, keys under
 * {@code sipfront:ha:{cluster}:accounts:}):
 * <ul>
 *   <li>{@code cseq:{node}}: hash of the dialog CSeq offsets that node made ({@link DialogCseq} key → offset), read
 *       by the peer every {@link #PEER_READ_MS} so that after a takeover its dialogs are still renumbered;</li>
 *   <li>{@code registration:{carrier}}: the registration record (Call-ID, From tag, CSeq, contact, expiry, last
 *       nonce) as JSON, so the survivor refreshes the same binding;</li>
 *   <li>{@code registrar}: the registering node's {@link RedisLease}, for nodes without a VIP (an active-active
 *       cluster, or a pair sharing state without an {@code ha} section; {@link #holdsRegistrarLease}).</li>
 * </ul>
 * Lanes only put into concurrent maps; one worker thread ("account-sharing") talks to Redis. Redis unreachable:
 * writes wait in the maps (latest value per key) and go once it is back; the node goes on from memory.
 */
public final class AccountSharing implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccountSharing.class);
    static final long TICK_MS = 200;
    static final long PEER_READ_MS = 1_000;
    static final long LEASE_MS = 3_000;

    private final String self;
    private final String prefix;
    private final RedisLink link;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor worker;
    private final Map<String, Integer> pendingOffsets = new ConcurrentHashMap<>();
    private final Map<String, RegistrationRecord> pendingRecords = new ConcurrentHashMap<>();
    private volatile Map<String, Integer> remote = Map.of();
    private RedisLease lease;
    private volatile boolean leaseHeld;
    private volatile boolean reachable;
    private long lastPeerRead;

    AccountSharing(SharedStateSettings settings, RedisSettings redis, Clock clock) {
        this.self = settings.nodeId();
        this.prefix = "sipfront:ha:" + settings.cluster() + ":accounts:";
        this.link = new RedisLink(redis);
        this.clock = clock;
        this.worker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "account-sharing");
            t.setDaemon(true);
            return t;
        });
    }

    public static AccountSharing start(SharedStateSettings settings, RedisSettings redis, Clock clock) {
        AccountSharing s = new AccountSharing(settings, redis, clock);
        s.worker.scheduleWithFixedDelay(s::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        return s;
    }

    /** Offsets made here go to Redis; the peer's are answered from the last read. */
    public CseqShare cseqShare() {
        return new CseqShare() {
            @Override
            public void changed(String key, int offset) {
                pendingOffsets.put(key, offset);
            }

            @Override
            public void removed(String key) {
                pendingOffsets.put(key, 0);
            }

            @Override
            public int remote(String key) {
                return remote.getOrDefault(key, 0);
            }
        };
    }

    public RegistrationStore registrationStore() {
        return new RegistrationStore() {
            @Override
            public Optional<RegistrationRecord> load(String carrier) {
                RegistrationRecord waiting = pendingRecords.get(carrier);
                if (waiting != null) {
                    return Optional.of(waiting); // ours, newer than what Redis holds
                }
                String json = link.client().get(prefix + "registration:" + carrier);
                return json == null ? Optional.empty() : Optional.of(SharedCodec.decode(json, RegistrationRecord.class));
            }

            @Override
            public void save(RegistrationRecord record) {
                pendingRecords.put(record.carrier(), record);
                worker.execute(AccountSharing.this::flush);
            }
        };
    }

    /**
     * For nodes without a VIP: whether this node holds the registrar lease (taken when free, renewed every tick,
     * lost when not renewed for {@link #LEASE_MS}, released on a clean stop). With Redis unreachable the holder keeps
     * registering from memory, and the others keep not registering.
     */
    public boolean holdsRegistrarLease() {
        return leaseHeld;
    }

    private void tick() {
        try {
            UnifiedJedis r = link.client();
            renewLease(r);
            flush();
            long now = clock.nanoTime();
            if (now - lastPeerRead >= TimeUnit.MILLISECONDS.toNanos(PEER_READ_MS)) {
                lastPeerRead = now;
                readPeers(r);
            }
            if (!reachable) {
                reachable = true;
                log.info("account sharing: connected to {} as node '{}'", link.describe(), self);
            }
        } catch (RuntimeException e) {
            if (reachable) {
                log.warn("account sharing: {} unreachable ({}); registrations and CSeq offsets go on from memory",
                        link.describe(), e.getMessage());
            }
            reachable = false;
        }
    }

    private void renewLease(UnifiedJedis r) {
        if (lease == null) {
            lease = new RedisLease(r, prefix + "registrar", self, LEASE_MS);
        }
        boolean held = lease.acquireOrRenew();
        if (held != leaseHeld) {
            log.info("account sharing: node '{}' {} the registrar lease", self, held ? "took" : "lost");
        }
        leaseHeld = held;
    }

    private synchronized void flush() {
        if (pendingOffsets.isEmpty() && pendingRecords.isEmpty()) {
            return;
        }
        UnifiedJedis r = link.client();
        Map<String, String> set = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : List.copyOf(pendingOffsets.entrySet())) {
            if (e.getValue() == 0) {
                // Whoever ends a dialog removes its offset, also one the peer made before a takeover.
                for (String node : r.smembers(prefix + "nodes")) {
                    r.hdel(prefix + "cseq:" + node, e.getKey());
                }
            } else {
                set.put(e.getKey(), e.getValue() + "|" + clock.currentTimeMillis());
            }
            pendingOffsets.remove(e.getKey(), e.getValue());
        }
        if (!set.isEmpty()) {
            r.sadd(prefix + "nodes", self);
            r.hset(prefix + "cseq:" + self, set);
        }
        for (RegistrationRecord rec : List.copyOf(pendingRecords.values())) {
            r.set(prefix + "registration:" + rec.carrier(), SharedCodec.encode(rec));
            pendingRecords.remove(rec.carrier(), rec);
        }
    }

    private void readPeers(UnifiedJedis r) {
        Map<String, Integer> next = new HashMap<>();
        long oldest = clock.currentTimeMillis() - DialogCseq.LIMIT_MS;
        for (String node : r.smembers(prefix + "nodes")) {
            if (node.equals(self)) {
                continue;
            }
            r.hgetAll(prefix + "cseq:" + node).forEach((k, v) -> {
                int bar = v.indexOf('|');
                try {
                    if (bar > 0 && Long.parseLong(v.substring(bar + 1)) >= oldest) {
                        next.put(k, Integer.parseInt(v.substring(0, bar)));
                    }
                } catch (NumberFormatException e) {
                    log.debug("account sharing: unreadable offset {} ignored", k);
                }
            });
        }
        remote = Map.copyOf(next);
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (leaseHeld && reachable && lease != null) {
            try {
                // Another node takes over at its next tick, not when the lease runs out.
                if (lease.release()) {
                    log.info("account sharing: node '{}' released the registrar lease", self);
                }
                leaseHeld = false;
            } catch (RuntimeException e) {
                log.debug("account sharing: lease not released: {}", e.toString());
            }
        }
        link.close();
    }
}
