package io.sipfront.resolver;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * RFC 3263 §4.1 NAPTR processing: keep the records we can use (flag "s", a SIP service for a transport we speak,
 * only SIPS+D2T for a sips URI, a replacement to look up), ordered by order, then preference.
 */
final class NaptrSelection {
    /** One usable NAPTR: the SRV name to look up and the transport it stands for. */
    record Choice(Transport transport, Name srvName, int order, int preference) {
    }

    private NaptrSelection() {
    }

    static List<Choice> usable(List<Record> answer, boolean secureUri) {
        return answer.stream()
                .filter(NAPTRRecord.class::isInstance)
                .map(NAPTRRecord.class::cast)
                .filter(n -> "s".equalsIgnoreCase(n.getFlags()))
                .filter(n -> !n.getReplacement().equals(Name.root))
                .flatMap(n -> choice(n, secureUri).stream())
                .sorted(Comparator.comparingInt(Choice::order).thenComparingInt(Choice::preference))
                .toList();
    }

    private static Optional<Choice> choice(NAPTRRecord n, boolean secureUri) {
        return Transport.ofNaptrService(n.getService())
                .filter(t -> !secureUri || t == Transport.TLS)
                .map(t -> new Choice(t, n.getReplacement(), n.getOrder(), n.getPreference()));
    }
}
