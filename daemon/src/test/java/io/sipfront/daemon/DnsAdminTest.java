package io.sipfront.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipfront.resolver.DnsEventListener;
import io.sipfront.resolver.DnsSettings;
import io.sipfront.resolver.Resolution;
import io.sipfront.resolver.ResolverAddress;
import io.sipfront.resolver.SipServerLocator;
import io.sipfront.resolver.TargetUri;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A DNS outage shows in the API and the meters, with its reason, and nowhere as a destination state. */
class DnsAdminTest {
    @Test
    void aQuestionNoResolverAnswersIsListedWithItsReasonAndCounted() throws Exception {
        // Nothing listens on port 1 of loopback: the resolver is refused at once (ICMP port unreachable).
        DnsSettings settings = DnsSettings.builder().resolvers(List.of(ResolverAddress.parse("127.0.0.1:1")))
                .queryTimeout(Duration.ofMillis(500)).attempts(1).build();
        try (SipServerLocator locator = SipServerLocator.start(settings, new DnsEventListener() {
        })) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            DnsAdmin admin = new DnsAdmin(locator.stats()).bind(meters);
            assertEquals(List.of(), admin.body().get("problems"));
            Resolution r = locator.resolve(TargetUri.sip("carriers.sipfront.test")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals(Resolution.Status.UNAVAILABLE, r.status());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> problems = (List<Map<String, Object>>) admin.body().get("problems");
            assertTrue(!problems.isEmpty(), "the failing question is listed");
            Map<String, Object> first = problems.get(0);
            assertTrue(first.get("name").toString().endsWith("carriers.sipfront.test"), first.toString());
            assertTrue(first.get("reason").toString().contains("unreachable"), first.toString());
            assertEquals(false, first.get("serving_stale"), "nothing was ever answered");
            assertTrue(meters.get("sipfront.dns.problems").gauge().value() >= 1);
            assertTrue(meters.get("sipfront.dns.failures").functionCounter().count() >= 1);
            assertEquals(List.of("/api/v1/dns"), admin.routes().stream().map(a -> a.pathTemplate()).toList());
        }
    }
}
