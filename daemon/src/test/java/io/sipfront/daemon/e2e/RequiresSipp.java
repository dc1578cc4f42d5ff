package io.sipfront.daemon.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips an end-to-end test class when SIPp is missing on a developer machine; fails it in CI
 * (the CI variable set), where {@code bin/test} installs SIPp, so a missing SIPp is a broken
 * set-up and must not pass as "skipped".
 */
public final class RequiresSipp implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        if (E2e.sipp().isPresent()) {
            return;
        }
        String why = "sipp is not on the PATH (Debian package sip-tester; bin/test installs it)";
        if (E2e.isCi()) {
            fail(why + " and CI is set: the end-to-end tests must run in CI");
        }
        Assumptions.assumeTrue(false, why + ": skipping " + context.getDisplayName());
    }
}
