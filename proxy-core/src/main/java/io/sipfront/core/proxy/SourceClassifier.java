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
    private record Entry(AddressMatch match, Source source) {
    }

    private volatile Entry[] entries;

    public SourceClassifier(SourceSettings settings) {
        update(settings);
    }

    /** A reload: the next request is classified by {@code settings}. */
    public void update(SourceSettings settings) {
        List<Entry> list = new ArrayList<>();
        for (AddressMatch m : settings.platform()) {
            list.add(new Entry(m, Source.PLATFORM));
        }
        for (CarrierSettings c : settings.carriers()) {
            Source s = Source.carrier(c.name());
            for (AddressMatch m : c.addresses()) {
                list.add(new Entry(m, s));
            }
        }
        list.sort((a, b) -> {
            int byPort = Boolean.compare(b.match.port() != 0, a.match.port() != 0);
            return byPort != 0 ? byPort : Integer.compare(b.match.prefixLength(), a.match.prefixLength());
        });
        this.entries = list.toArray(new Entry[0]);
    }

    public Source classify(InetSocketAddress from) {
        for (Entry e : entries) { // one volatile read: a reload mid-loop is seen on the next request
            if (e.match.matches(from)) {
                return e.source;
            }
        }
        return Source.UNKNOWN;
    }
}
