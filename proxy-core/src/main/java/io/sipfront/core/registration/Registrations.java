package io.sipfront.core.registration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sipfront.config.AccountSettings;
import io.sipfront.config.Accounts;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.time.Clock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound registrations of every account that has one. Only a node allowed to register (the VIP holder of a
 * pair, {@code mayRegister}) runs them: a watcher thread ("registrations", off the lanes because loading the
 * peer's state from Redis may block) checks that every {@link #CHECK_MS} and starts or stops the registrants. A
 * node that takes over resumes the binding its peer saved (same Call-ID, next CSeq); with Redis down it goes on
 * from what it remembers itself.
 */
public final class Registrations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Registrations.class);
    static final long CHECK_MS = 500;
    static final long UNREGISTER_WAIT_MS = 2_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One account's registrant and what this node last saved for it. */
    private static final class Slot {
        final AccountSettings account;
        final LongAdder failures = new LongAdder();
        volatile Registrant registrant;
        volatile RegistrationRecord remembered;

        Slot(AccountSettings account) {
            this.account = account;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final Lane[] lanes;
    private final LocalIdentity identity;
    private final Clock clock;
    private final RegistrationStore store;
    private final BooleanSupplier mayRegister;
    private final ScheduledExecutorService watcher;
    private boolean running;

    private Registrations(Accounts accounts, List<Lane> lanes, LocalIdentity identity, Clock clock,
                          RegistrationStore store, BooleanSupplier mayRegister) {
        for (AccountSettings a : accounts.all()) {
            if (a.registration().isPresent()) {
                slots.add(new Slot(a));
            }
        }
        this.lanes = lanes.toArray(new Lane[0]);
        this.identity = identity;
        this.clock = clock;
        this.store = new Remembering(store);
        this.mayRegister = mayRegister;
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "registrations");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts watching; the first REGISTER goes out at once when this node may register.
     *
     * @param mayRegister whether this node registers now (HA: holds the VIP); read every {@link #CHECK_MS}
     */
    public static Registrations start(Accounts accounts, List<Lane> lanes, LocalIdentity identity, Clock clock,
                                      RegistrationStore store, BooleanSupplier mayRegister, MeterRegistry meters) {
        Registrations r = create(accounts, lanes, identity, clock, store, mayRegister);
        r.bindMeters(meters);
        if (!r.slots.isEmpty()) {
            r.watcher.scheduleWithFixedDelay(r::check, 0, CHECK_MS, TimeUnit.MILLISECONDS);
        }
        return r;
    }

    /** Without the watcher: tests call {@link #check} themselves, on the lane's thread. */
    static Registrations create(Accounts accounts, List<Lane> lanes, LocalIdentity identity, Clock clock,
                                RegistrationStore store, BooleanSupplier mayRegister) {
        return new Registrations(accounts, lanes, identity, clock, store, mayRegister);
    }

    synchronized void check() {
        boolean may;
        try {
            may = mayRegister.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("registrations: cannot tell whether this node registers: {}", e.toString());
            return;
        }
        if (may && !running) {
            running = true;
            slots.forEach(this::begin);
        } else if (!may && running) {
            running = false;
            log.info("registrations: this node no longer registers (the other node takes over)");
            slots.forEach(s -> end(s, false));
        }
    }

    /** Resumes from the newest saved state (the peer's after a takeover, else our own), or begins a binding. */
    private void begin(Slot s) {
        RegistrationRecord saved = null;
        try {
            saved = store.load(s.account.carrier()).orElse(null);
        } catch (RuntimeException e) {
            log.warn("registration of {}: shared state unreadable ({}); going on from this node's memory",
                    s.account.carrier(), e.toString());
        }
        RegistrationRecord mine = s.remembered;
        if (saved == null || (mine != null && mine.callId().equals(saved.callId()) && mine.cseq() > saved.cseq())) {
            saved = mine;
        }
        String callId = saved != null ? saved.callId() : newId() + "@sipfront";
        String fromTag = saved != null ? saved.fromTag() : newId();
        Lane lane = lanes[Math.floorMod(callId.hashCode(), lanes.length)];
        Registrant r = new Registrant(s.account, lane, identity, clock, store, s.failures, callId, fromTag, saved);
        s.registrant = r;
        if (saved != null) {
            log.info("registration of {}: resuming Call-ID {} after CSeq {}", s.account.carrier(), callId,
                    saved.cseq());
        }
        lane.execute(r::start);
    }

    private void end(Slot s, boolean unregister) {
        Registrant r = s.registrant;
        if (r == null) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        lanes[Math.floorMod(r.callId().hashCode(), lanes.length)].execute(() -> r.stop(unregister, done));
        if (unregister) {
            try {
                done.await(UNREGISTER_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String newId() {
        byte[] b = new byte[10];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Every account with a registration, in config order. */
    public List<RegistrationStatus> status() {
        List<RegistrationStatus> out = new ArrayList<>();
        for (Slot s : slots) {
            Registrant r = s.registrant;
            if (r != null) {
                out.add(r.status());
            } else {
                var reg = s.account.registration().orElseThrow();
                out.add(new RegistrationStatus(s.account.carrier(), reg.aor(), reg.registrarUri(), null, false,
                        false, 0, 0, null, 0, "not registering on this node", s.failures.sum()));
            }
        }
        return out;
    }

    private Optional<RegistrationStatus> status(String carrier) {
        return status().stream().filter(s -> s.carrier().equals(carrier)).findFirst();
    }

    /** {@code GET /api/v1/registrations}. */
    public AdminExtension adminExtension() {
        return () -> List.of(AdminRoute.get("/api/v1/registrations", req -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("registrations", status());
            return AdminReply.ok(body);
        }));
    }

    private void bindMeters(MeterRegistry meters) {
        for (Slot s : slots) {
            Tags tags = Tags.of("carrier", s.account.carrier());
            String carrier = s.account.carrier();
            Gauge.builder("sipfront.registration.registered",
                    () -> status(carrier).map(x -> x.registered() ? 1 : 0).orElse(0))
                    .tags(tags).description("1 while the carrier holds our binding").register(meters);
            Gauge.builder("sipfront.registration.expires.seconds",
                    () -> status(carrier).map(RegistrationStatus::expiresInS).orElse(0L))
                    .tags(tags).description("seconds left of the granted binding").register(meters);
            io.micrometer.core.instrument.FunctionCounter.builder("sipfront.registration.failures", s.failures,
                    LongAdder::sum).tags(tags).description("REGISTER attempts that failed").register(meters);
        }
    }

    /**
     * Stops registering. {@code unregister}: the bindings are removed (REGISTER with Expires 0, waiting up to
     * {@link #UNREGISTER_WAIT_MS}); not when the other node of a pair takes over.
     */
    public synchronized void close(boolean unregister) {
        watcher.shutdownNow();
        if (running) {
            running = false;
            slots.forEach(s -> end(s, unregister));
        }
    }

    @Override
    public void close() {
        close(true);
    }

    /** Keeps this node's own last record, so it can go on from memory when the shared store is unreachable. */
    private final class Remembering implements RegistrationStore {
        private final RegistrationStore shared;

        Remembering(RegistrationStore shared) {
            this.shared = shared;
        }

        @Override
        public Optional<RegistrationRecord> load(String carrier) {
            return shared.load(carrier);
        }

        @Override
        public void save(RegistrationRecord record) {
            for (Slot s : slots) {
                if (s.account.carrier().equals(record.carrier())) {
                    s.remembered = record;
                }
            }
            shared.save(record);
        }
    }
}
