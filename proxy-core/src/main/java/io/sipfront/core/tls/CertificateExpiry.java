package io.sipfront.core.tls;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLSession;

/**
 * Days until a certificate chain stops working, for a gauge: the earliest notAfter of the chain (an intermediate that
 * expires first breaks the chain as surely as the leaf). Negative once expired, {@code NaN} for no chain (Micrometer
 * shows NaN as "no value").
 */
public final class CertificateExpiry {
    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private CertificateExpiry() {
    }

    public static double daysLeft(List<X509Certificate> chain, Instant now) {
        return chain.stream()
                .mapToDouble(c -> Duration.between(now, c.getNotAfter().toInstant()).toSeconds() / SECONDS_PER_DAY)
                .min()
                .orElse(Double.NaN);
    }

    /** Days left of the chain a peer showed in this session. */
    public static double peerDaysLeft(SSLSession session, Instant now) {
        return daysLeft(TlsSessions.peerChain(session), now);
    }
}
