package io.sipfront.core.proxy;

import io.sipfront.config.AddressMatch;
import io.sipfront.config.CarrierSettings;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.transport.SipSender;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationSet;

/** What every lane shares: immutable settings and thread-safe collaborators. */
public record ProxyContext(SipfrontConfig config, LocalIdentity identity, SourceClassifier classifier,
                           SipSender sender, ProxyStats stats, CallLog callLog, RequestRewriter rewriter) {

    public static ProxyContext of(SipfrontConfig config, SipSender sender, CallLog callLog) {
        return new ProxyContext(config, new LocalIdentity(config.sip()), new SourceClassifier(config.sources()),
                sender, new ProxyStats(), callLog, RequestRewriter.NONE);
    }

    /** The same context with number normalization applied to new calls. */
    public ProxyContext withRewriter(RequestRewriter r) {
        return new ProxyContext(config, identity, classifier, sender, stats, callLog, r);
    }

    /**
     * The carrier a destination belongs to: the one whose source addresses contain the destination's address;
     * null when none does.
     */
    public String carrierOf(Destination destination) {
        for (CarrierSettings carrier : config.sources().carriers()) {
            for (AddressMatch match : carrier.addresses()) {
                if (match.matches(destination.address())) {
                    return carrier.name();
                }
            }
        }
        return null;
    }

    /** The destination set that serves new calls from {@code source}. */
    public DestinationSet destinationsFor(Source source) {
        String name = source.kind() == Source.Kind.CARRIER ? config.routing().inboundSet()
                : config.routing().outboundSet();
        return config.destinationSets().get(name);
    }
}
