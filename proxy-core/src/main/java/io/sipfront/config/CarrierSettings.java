package io.sipfront.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A carrier and the sources its traffic comes from. Names are unique. Two carriers behind one address are told
 * apart by what else their new calls carry.
 *
 * @param userAgent   when set, a new call is this carrier's only if its User-Agent contains a match of this regex
 * @param contactHost when set, a new call is this carrier's only if its Contact URI names this host
 */
public record CarrierSettings(String name, List<AddressMatch> addresses, Pattern userAgent, String contactHost) {
    public CarrierSettings {
        addresses = List.copyOf(addresses);
    }

    public CarrierSettings(String name, List<AddressMatch> addresses) {
        this(name, addresses, null, null);
    }

    /** Whether calls from its addresses need more than the address to be recognised as this carrier's. */
    public boolean hasDiscriminator() {
        return userAgent != null || contactHost != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CarrierSettings c && name.equals(c.name) && addresses.equals(c.addresses)
                && java.util.Objects.equals(userAgent == null ? null : userAgent.pattern(),
                        c.userAgent == null ? null : c.userAgent.pattern())
                && java.util.Objects.equals(contactHost, c.contactHost);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, addresses, contactHost);
    }
}
