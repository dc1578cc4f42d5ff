package io.sipfront.config;

import io.sipfront.net.Transport;

/**
 * TLS in the sockets or the destinations needs a {@code tls} section: a {@code tls:} listener needs our certificate
 * from it, and a {@code sips:} or {@code ;transport=tls} destination is verified against the CAs it names (an empty
 * {@code tls: {}} means the system's trust store, written on purpose rather than by omission). Without the section the
 * error names the listener or the destination URI, so the operator sees which line asked for TLS.
 */
final class TlsRequirement {
    static final String TLS_KEY = "tls";

    private TlsRequirement() {
    }

    /** Called once the sections it walks have been read without error. */
    static void check(ConfigMap top) throws ConfigException {
        if (top.has(TLS_KEY)) {
            return; // what it lacks, the tls section itself names
        }
        for (ConfigNode listen : top.required("sip").asMap(SipSectionReader.KEYS).required("listen").asList()) {
            ListenAddress address = listen.parse(ListenSpecs::parse, "a listen address (" + ListenSpecs.FORM + ")");
            if (address.transport() == Transport.TLS) {
                throw listen.error("a tls: listener needs a tls section with certificate and private_key");
            }
        }
        for (ConfigNode set : top.required("destination_sets").asList()) {
            ConfigMap s = set.asMap(DestinationSetReader.KEYS);
            for (ConfigNode destination : s.required("destinations").asList()) {
                ConfigNode uri = destination.asMap(DestinationReader.KEYS).required("uri");
                DestinationUri parsed = uri.parse(DestinationUri::parse, "a SIP URI (" + DestinationUri.FORM + ")");
                if (parsed.transport() == Transport.TLS) {
                    throw uri.error("a sips: or transport=tls destination needs a tls section (its ca; or"
                            + " 'tls: {}' for the system's trust store)");
                }
            }
        }
    }
}
