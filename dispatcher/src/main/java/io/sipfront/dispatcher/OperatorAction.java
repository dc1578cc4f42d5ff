package io.sipfront.dispatcher;

import java.util.Locale;

/** What an operator can do to a destination through the admin API; applies on every node of a cluster. */
public enum OperatorAction {
    /** No new calls; calls in progress are not touched. */
    DISABLE,
    /** No new calls; calls in progress finish where they are, and the API reports when none is left. */
    DRAIN,
    /** Back in service; probes and passive health decide its state again. */
    ENABLE;

    public void applyTo(DestinationHealth h) {
        switch (this) {
            case DISABLE -> h.disable();
            case DRAIN -> h.drain();
            case ENABLE -> h.enable();
        }
    }

    /** The lower-case name used in the API path and in shared state. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OperatorAction fromApiName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
