package io.sipfront.daemon.reload;

import io.sipfront.config.SipfrontConfig;

/**
 * Puts a new, fully validated config into effect on the running daemon. Called by one reload at a time, never on
 * a SIP event loop. Settings it cannot change live are the reloader's to report, not the applier's to refuse.
 */
@FunctionalInterface
public interface ConfigApplier {
    void apply(SipfrontConfig next);
}
