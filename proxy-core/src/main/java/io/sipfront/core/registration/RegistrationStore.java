package io.sipfront.core.registration;

import java.util.Optional;

/** Where registration state is kept for the other node of a pair (Redis through the shared-state link). */
public interface RegistrationStore {
    /** The last record any node saved for {@code carrier}; may block (called off the lanes). */
    Optional<RegistrationRecord> load(String carrier);

    /** Queues {@code record} for saving; never blocks (called on lanes). */
    void save(RegistrationRecord record);

    /** One node: nothing is shared. */
    RegistrationStore NONE = new RegistrationStore() {
        @Override
        public Optional<RegistrationRecord> load(String carrier) {
            return Optional.empty();
        }

        @Override
        public void save(RegistrationRecord record) {
        }
    };
}
