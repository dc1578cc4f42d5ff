package io.sipfront.dispatcher;

import java.util.Locale;

/** What Sipfront believes about a destination; the admin API shows the lower-case name. */
public enum HealthState {
    /** Answering probes (or not probed) and not failing calls. */
    ACTIVE,
    /** Alive but unwell: answers probes with an error, or fails too many live calls. */
    DEGRADED,
    /** Missed enough probes in a row to be considered down. */
    INACTIVE,
    /** Taken out of service by an operator. */
    DISABLED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
