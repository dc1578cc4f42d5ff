package io.sipfront.daemon.e2e;

import java.util.List;

/** Failover mode outage: only inactive carriers are skipped, so the degraded priority-1 carrier keeps its calls. */
class OutageModeIT extends FailoverModeCase {
    @Override
    protected String configName() {
        return "health-outage.yaml";
    }

    @Override
    List<String> expectedAttempts() {
        return List.of("carrier-a");
    }

    @Override
    long expectedCallsAtA() {
        return 4;
    }
}
