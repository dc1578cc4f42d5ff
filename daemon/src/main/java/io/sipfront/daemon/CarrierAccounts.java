package io.sipfront.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.sipfront.config.Accounts;
import io.sipfront.config.AccountsSection;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.proxy.ProxyContext;
import io.sipfront.core.registration.RegistrationStore;
import io.sipfront.core.registration.Registrations;
import io.sipfront.ha.config.SharedStateSection;
import io.sipfront.ha.config.SharedStateSettings;
import io.sipfront.ha.shared.AccountSharing;
import io.sipfront.redis.RedisSection;
import io.sipfront.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The carrier accounts of the daemon: dialog CSeq offsets and registrations shared through Redis when
 * {@code shared_state} is on, and the outbound registrations, run by the node that may register: the VIP holder of
 * an HA pair, else the holder of the Redis registrar lease when two nodes share state without a VIP, else this node.
 */
final class CarrierAccounts implements AutoCloseable {
    private final Accounts accounts;
    private final AccountSharing sharing;
    private Registrations registrations;

    private CarrierAccounts(Accounts accounts, AccountSharing sharing) {
        this.accounts = accounts;
        this.sharing = sharing;
    }

    /** Starts the Redis sharing when {@code shared_state} is on and some account exists. */
    static CarrierAccounts share(SipfrontConfig config) {
        Accounts accounts = config.section(AccountsSection.SECTION);
        SharedStateSettings shared = config.section(SharedStateSection.SECTION);
        AccountSharing sharing = shared.enabled() && !accounts.isEmpty()
                ? AccountSharing.start(shared, config.section(RedisSection.SECTION), Clock.SYSTEM) : null;
        return new CarrierAccounts(accounts, sharing);
    }

    ProxyContext attach(ProxyContext context) {
        return sharing == null ? context : context.withCseqShare(sharing.cseqShare());
    }

    void startRegistrations(SipfrontConfig config, List<Lane> lanes, ProxyContext context, HaWiring ha,
                            MeterRegistry meters) {
        BooleanSupplier mayRegister = ha.configured() ? ha::isMaster
                : sharing != null ? sharing::holdsRegistrarLease : () -> true;
        RegistrationStore store = sharing == null ? RegistrationStore.NONE : sharing.registrationStore();
        registrations = Registrations.start(accounts, lanes, context.identity(), Clock.SYSTEM, store, mayRegister,
                meters);
    }

    AdminExtension adminExtension() {
        return () -> registrations == null ? List.of() : registrations.adminExtension().routes();
    }

    /**
     * A clean stop: the bindings are removed only when no other node can take them over (no {@code ha} section and
     * no shared state).
     */
    void stop(HaWiring ha) {
        close(!ha.configured() && sharing == null);
    }

    /** @param unregister remove the bindings */
    void close(boolean unregister) {
        if (registrations != null) {
            registrations.close(unregister);
        }
        if (sharing != null) {
            sharing.close();
        }
    }

    @Override
    public void close() {
        close(true);
    }
}
