package io.sipfront.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Days to expiry for the gauges: the first certificate of a chain to expire decides. */
class CertificateExpiryTest {
    final TestPki pki = TestPki.get();

    @Test
    void daysUntilTheEarliestNotAfterOfTheChain() throws Exception {
        X509Certificate leaf = TestPki.certificate(pki.platform.cert());
        X509Certificate ca = TestPki.certificate(pki.ca);
        Instant now = leaf.getNotAfter().toInstant().minus(Duration.ofHours(36));
        assertEquals(1.5, CertificateExpiry.daysLeft(List.of(leaf, ca), now), 1e-9);
        Instant caExpiresFirst = ca.getNotAfter().toInstant().minus(Duration.ofDays(2));
        assertTrue(leaf.getNotAfter().after(ca.getNotAfter()) || CertificateExpiry.daysLeft(List.of(leaf, ca),
                caExpiresFirst) < 0, "the leaf (1 year) ends before the CA (10 years)");
    }

    @Test
    void expiredIsNegativeAndNoChainIsNaN() throws Exception {
        X509Certificate expired = TestPki.certificate(pki.expired.cert());
        assertEquals(-366.0, CertificateExpiry.daysLeft(List.of(expired), Instant.parse("2021-01-01T00:00:00Z")),
                1e-9);
        assertTrue(Double.isNaN(CertificateExpiry.daysLeft(List.of(), Instant.now())));
    }
}
