package io.sipfront.core.routing;

import io.sipfront.dispatcher.DestinationHealth;

/** What the routing engine asks of the prober; a separate interface so routing works (and tests) without one. */
public interface ProbeTrigger {
    /** Probe this destination now (a live call just failed there), unless a probe is already on its way. */
    void probeNow(DestinationHealth health);

    /** The set of destinations changed (start-up, reload): start probing the new ones. */
    void sync();

    ProbeTrigger NONE = new ProbeTrigger() {
        @Override
        public void probeNow(DestinationHealth health) {
        }

        @Override
        public void sync() {
        }
    };
}
