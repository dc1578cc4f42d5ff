package io.sipfront.core.proxy;

import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.transport.SipSender;
import io.sipfront.dispatcher.DestinationSet;

/** What every lane shares: immutable settings and thread-safe collaborators. */
public record ProxyContext(SipfrontConfig config, LocalIdentity identity, SourceClassifier classifier,
                           SipSender sender, ProxyStats stats, CallLog callLog) {

    public static ProxyContext of(SipfrontConfig config, SipSender sender, CallLog callLog) {
        return new ProxyContext(config, new LocalIdentity(config.sip()), new SourceClassifier(config.sources()),
                sender, new ProxyStats(), callLog);
    }

    /** The destination set that serves new calls from {@code source}. */
    public DestinationSet destinationsFor(Source source) {
        String name = source.kind() == Source.Kind.CARRIER ? config.routing().inboundSet()
                : config.routing().outboundSet();
        return config.destinationSets().get(name);
    }
}
