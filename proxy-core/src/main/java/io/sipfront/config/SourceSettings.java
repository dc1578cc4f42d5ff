package io.sipfront.config;

import java.util.List;

/** Who may send to Sipfront. Anything matching neither the platform nor a carrier is unknown (403). */
public record SourceSettings(List<AddressMatch> platform, List<CarrierSettings> carriers) {
    public SourceSettings {
        platform = List.copyOf(platform);
        carriers = List.copyOf(carriers);
    }
}
