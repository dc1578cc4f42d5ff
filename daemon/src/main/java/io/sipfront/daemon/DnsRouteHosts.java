package io.sipfront.daemon;

import gov.nist.javax.sip.address.SipUri;
import io.sipfront.core.proxy.RouteHostNames;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.resolver.Resolution;
import io.sipfront.resolver.ResolvedTarget;
import io.sipfront.resolver.SrvSelection;
import io.sipfront.resolver.TargetUri;
import io.sipfront.resolver.Transport;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Host names in Route headers of in-dialog requests, answered from the same RFC 3263 cache as the destinations
 * ({@code SipServerLocator.cached}): never a wait on a lane. The target is picked by SRV priority and weight; its
 * TLS certificate must name the URI's host (RFC 5922), not the SRV target.
 */
final class DnsRouteHosts implements RouteHostNames {
    private final Function<TargetUri, Optional<Resolution>> cache;

    /** @param cache what a URI resolves to now, without waiting (starts a look-up in the background on a miss) */
    DnsRouteHosts(Function<TargetUri, Optional<Resolution>> cache) {
        this.cache = cache;
    }

    @Override
    public Optional<OutboundTarget> cached(SipUri uri) {
        String param = uri.getTransportParam();
        Transport transport = null;
        if (param != null) {
            Optional<Transport> written = Transport.ofUriParameter(param);
            if (written.isEmpty()) {
                return Optional.empty();
            }
            transport = written.get();
        }
        TargetUri target = new TargetUri(uri.getHost(), Math.max(0, uri.getPort()), transport, uri.isSecure());
        return cache.apply(target).flatMap(resolution -> first(resolution, target.host()));
    }

    private static Optional<OutboundTarget> first(Resolution resolution, String tlsName) {
        for (ResolvedTarget t : SrvSelection.attemptOrder(resolution.targets(), ThreadLocalRandom.current())) {
            if (!t.addresses().isEmpty()) {
                return Optional.of(OutboundTarget.of(io.sipfront.net.Transport.valueOf(t.transport().name()),
                        new InetSocketAddress(t.addresses().get(0), t.port()), tlsName));
            }
        }
        return Optional.empty();
    }
}
