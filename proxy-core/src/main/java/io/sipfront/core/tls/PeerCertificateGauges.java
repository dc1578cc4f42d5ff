package io.sipfront.core.tls;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipfront.time.Clock;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code sipfront_tls_peer_certificate_days_left{peer}}: days until the chain each TLS peer last showed us expires,
 * computed at each scrape so it counts down between handshakes. One gauge per peer name (the SIP domain we verified),
 * registered at its first handshake; peers are the configured destinations and their in-dialog addresses, a bounded
 * set.
 */
public final class PeerCertificateGauges {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, List<X509Certificate>> chains = new ConcurrentHashMap<>();

    public PeerCertificateGauges(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The chain {@code peer} showed in a handshake that succeeded. */
    public void shown(String peer, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return;
        }
        if (chains.put(peer, List.copyOf(chain)) == null) {
            Gauge.builder("sipfront_tls_peer_certificate_days_left", () -> daysLeft(peer))
                    .description("Days until the certificate chain a TLS peer showed expires (negative: expired)")
                    .tag("peer", peer)
                    .strongReference(true)
                    .register(registry);
        }
    }

    public double daysLeft(String peer) {
        List<X509Certificate> chain = chains.get(peer);
        return chain == null ? Double.NaN
                : CertificateExpiry.daysLeft(chain, Instant.ofEpochMilli(clock.currentTimeMillis()));
    }
}
