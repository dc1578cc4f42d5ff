package io.sipfront.core.proxy;

import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.transport.SipSender;
import io.sipfront.dispatcher.DestinationSet;

/**
 * What every lane shares: settings fixed at start-up and thread-safe collaborators. Sources and routing follow
 * reloads ({@link SipfrontProxy#apply}); {@link #config()} stays the config the proxy started with.
 */
public record ProxyContext(SipfrontConfig config, LocalIdentity identity, SourceClassifier classifier,
                           SipSender sender, ProxyStats stats, CallLog callLog, ActiveRouting routing) {

    public static ProxyContext of(SipfrontConfig config, SipSender sender, CallLog callLog) {
        return new ProxyContext(config, new LocalIdentity(config.sip()), new SourceClassifier(config.sources()),
                sender, new ProxyStats(), callLog, new ActiveRouting(config));
    }

    /** The destination set that serves new calls from {@code source}. */
    public DestinationSet destinationsFor(Source source) {
        return routing.setFor(source);
    }
}
