package io.sipfront.config;

import java.util.List;

/** A carrier and the sources its traffic comes from. Names are unique. */
public record CarrierSettings(String name, List<AddressMatch> addresses) {
    public CarrierSettings {
        addresses = List.copyOf(addresses);
    }
}
