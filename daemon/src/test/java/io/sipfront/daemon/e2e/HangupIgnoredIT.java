package io.sipfront.daemon.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A daemon started with SIGHUP ignored (under {@code nohup}, or by a supervisor that ignores it) cannot get a handler
 * for it: HotSpot keeps an inherited "ignore" without an error. It must say so at start, since a {@code kill -HUP}
 * would otherwise do nothing and leave the old config running without a word.
 */
class HangupIgnoredIT {

    @Test
    void aDaemonStartedUnderNohupSaysThatSighupWillNotReload() throws Exception {
        Path dir = E2e.workRoot().resolve("HangupIgnoredIT");
        try (SipfrontProcess daemon = SipfrontProcess.start(List.of("nohup"), E2e.config("loopback-udp.yaml"),
                dir.resolve("sipfront.log"))) {
            daemon.awaitReady(Duration.ofSeconds(60));
            assertTrue(daemon.awaitLogLine(l -> l.contains("SIGHUP was ignored when Sipfront started"),
                    Duration.ofSeconds(5)).isPresent(), daemon.tail(30));
        }
    }
}
