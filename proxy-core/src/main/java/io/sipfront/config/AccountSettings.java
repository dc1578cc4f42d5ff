package io.sipfront.config;

import java.util.Optional;

/**
 * The credentials Sipfront answers a carrier's digest challenges with, and its optional outbound registration. One
 * per carrier; every destination of that carrier uses it.
 *
 * @param realm        when set, only challenges of this realm are answered (others pass through to the caller)
 * @param registration the REGISTER binding to keep, if the carrier wants one
 */
public record AccountSettings(String carrier, String username, Optional<String> realm, Secret password,
                             Optional<RegistrationSettings> registration) {

    /** Whether challenges of {@code challengeRealm} are ours to answer. */
    public boolean answers(String challengeRealm) {
        return realm.isEmpty() || realm.get().equalsIgnoreCase(challengeRealm);
    }
}
