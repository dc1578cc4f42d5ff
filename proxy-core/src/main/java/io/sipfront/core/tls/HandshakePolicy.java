package io.sipfront.core.tls;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The TLS versions offered and accepted, and how long a handshake may take before the connection attempt fails
 * (so that a call fails over instead of waiting for Timer B).
 *
 * @param versions at least one of TLS 1.2 and TLS 1.3
 * @param timeout  more than 0 and at most {@link #MAX_TIMEOUT}
 */
public record HandshakePolicy(Set<TlsVersion> versions, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    public static final HandshakePolicy DEFAULTS = new HandshakePolicy(EnumSet.allOf(TlsVersion.class), DEFAULT_TIMEOUT);

    public HandshakePolicy {
        if (versions == null || versions.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS version is required (TLSv1.2, TLSv1.3)");
        }
        versions = Set.copyOf(EnumSet.copyOf(versions));
        if (timeout == null || timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("the TLS handshake timeout must be more than 0 and at most "
                    + MAX_TIMEOUT.toSeconds() + " s, not " + timeout);
        }
    }

    /** Protocol names for Netty's {@code SslContextBuilder.protocols}, newest first. */
    String[] protocolNames() {
        return EnumSet.copyOf(versions).stream()
                .sorted((a, b) -> b.compareTo(a))
                .map(TlsVersion::protocolName)
                .toArray(String[]::new);
    }
}
