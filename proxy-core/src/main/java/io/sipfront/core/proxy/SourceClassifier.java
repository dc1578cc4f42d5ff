package io.sipfront.core.proxy;

import io.sipfront.config.AddressMatch;
import io.sipfront.config.CarrierSettings;
import io.sipfront.config.SourceSettings;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells the platform, a named carrier and everyone else apart by source address. Entries naming a port are
 * checked before address-only ones, and longer prefixes before shorter, so the most specific entry wins.
 */
public final class SourceClassifier {
    private record Entry(AddressMatch match, Source source, CarrierSettings carrier) {
        /** The carrier's User-Agent / Contact checks, when it has any. */
        boolean accepts(gov.nist.javax.sip.message.SIPRequest request) {
            if (carrier == null || !carrier.hasDiscriminator()) {
                return true;
            }
            if (carrier.userAgent() != null) {
                javax.sip.header.Header ua = request.getHeader("User-Agent");
                String value = ua instanceof gov.nist.javax.sip.header.SIPHeader h ? h.getHeaderValue() : null;
                if (value == null || !carrier.userAgent().matcher(value).find()) {
                    return false;
                }
            }
            return carrier.contactHost() == null || carrier.contactHost().equalsIgnoreCase(contactHost(request));
        }

        private static String contactHost(gov.nist.javax.sip.message.SIPRequest request) {
            gov.nist.javax.sip.header.ContactList contacts = request.getContactHeaders();
            if (contacts == null || contacts.isEmpty()) {
                return null;
            }
            var address = ((gov.nist.javax.sip.header.Contact) contacts.getFirst()).getAddress();
            return address != null && address.getURI() instanceof gov.nist.javax.sip.address.SipUri u ? u.getHost() : null;
        }
    }

    private volatile Entry[] entries;

    public SourceClassifier(SourceSettings settings) {
        update(settings);
    }

    /** A reload: the next request is classified by {@code settings}. */
    public void update(SourceSettings settings) {
        List<Entry> list = new ArrayList<>();
        for (AddressMatch m : settings.platform()) {
            list.add(new Entry(m, Source.PLATFORM, null));
        }
        for (CarrierSettings c : settings.carriers()) {
            Source s = Source.carrier(c.name());
            for (AddressMatch m : c.addresses()) {
                list.add(new Entry(m, s, c));
            }
        }
        list.sort((a, b) -> {
            int byPort = Boolean.compare(b.match.port() != 0, a.match.port() != 0);
            return byPort != 0 ? byPort : Integer.compare(b.match.prefixLength(), a.match.prefixLength());
        });
        this.entries = list.toArray(new Entry[0]);
    }

    /**
     * Who sent a new call: as {@link #classify(InetSocketAddress)}, but a carrier that names a User-Agent or Contact
     * host matches only calls that carry it, so two carriers behind one address are told apart.
     */
    public Source classify(InetSocketAddress from, gov.nist.javax.sip.message.SIPRequest request) {
        for (Entry e : entries) {
            if (e.match.matches(from) && e.accepts(request)) {
                return e.source;
            }
        }
        return Source.UNKNOWN;
    }

    /** Who sent a message, by address alone (in-dialog requests, and whether to answer a malformed one). */
    public Source classify(InetSocketAddress from) {
        for (Entry e : entries) { // one volatile read: a reload mid-loop is seen on the next request
            if (e.match.matches(from)) {
                return e.source;
            }
        }
        return Source.UNKNOWN;
    }
}
