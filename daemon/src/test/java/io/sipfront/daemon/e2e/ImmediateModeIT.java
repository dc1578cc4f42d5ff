package io.sipfront.daemon.e2e;

import java.util.List;

/** Failover mode immediate: a degraded carrier takes no calls at all. */
class ImmediateModeIT extends FailoverModeCase {
    @Override
    protected String configName() {
        return "health-immediate.yaml";
    }

    @Override
    List<String> expectedAttempts() {
        return List.of("carrier-b");
    }

    @Override
    long expectedCallsAtA() {
        return 0;
    }
}
