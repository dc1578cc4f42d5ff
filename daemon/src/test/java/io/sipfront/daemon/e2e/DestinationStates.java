package io.sipfront.daemon.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a running daemon says about its carriers' health, read from its log (state-change lines
 * "destination carriers/ID FROM -> TO: why") and its audit trail.
 */
final class DestinationStates {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A few probe intervals of the test configs, plus slack for a shared machine. */
    static final Duration STATE_CHANGE = Duration.ofSeconds(10);

    private final SipfrontProcess sipfront;
    private final Supplier<String> logTail;

    DestinationStates(SipfrontProcess sipfront) {
        this.sipfront = sipfront;
        this.logTail = () -> sipfront.tail(40);
    }

    int mark() {
        return sipfront.log().length();
    }

    /** The state the last state-change line of {@code id} names; {@code active} (the initial state) if none. */
    String current(String id) {
        String state = "active";
        for (String line : sipfront.log().lines().toList()) {
            int at = line.indexOf("destination carriers/" + id + " ");
            if (at >= 0) {
                String rest = line.substring(at).split(" -> ", 2)[1];
                state = rest.substring(0, rest.indexOf(':'));
            }
        }
        return state;
    }

    /** Waits for a change of {@code id} logged after offset {@code from}: "active -> inactive", or "-> degraded" from any state. */
    void await(int from, String id, String transition) throws InterruptedException {
        String wanted = "destination carriers/" + id + " " + (transition.startsWith("->") ? "" : transition);
        String to = transition.startsWith("->") ? " " + transition + ":" : "";
        long deadline = System.nanoTime() + STATE_CHANGE.toNanos();
        while (System.nanoTime() < deadline) {
            String log = sipfront.log();
            if (log.length() > from && log.substring(from).lines().anyMatch(l -> l.contains(wanted) && l.contains(to))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + wanted + to + "' within " + STATE_CHANGE.toSeconds() + " s\n" + logTail.get());
    }

    /** Until {@code id} is in {@code state} and still is 1.5 s later (no flip from misses left over from a restart). */
    void awaitSteady(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + STATE_CHANGE.toNanos();
        while (System.nanoTime() < deadline) {
            if (state.equals(current(id))) {
                Thread.sleep(1_500);
                if (state.equals(current(id))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(id + " did not become steadily " + state + "\n" + logTail.get());
    }

    /** The audit entry of the call whose Call-ID starts with {@code prefix}, waiting for Logback to write it. */
    JsonNode audit(String prefix) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            for (String line : sipfront.auditLines()) {
                JsonNode n = JSON.readTree(line);
                if (n.get("call_id").asText().startsWith(prefix)) {
                    return n;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no audit line for " + prefix + " in " + sipfront.auditLines());
            }
            Thread.sleep(100);
        }
    }

    static List<String> attemptIds(JsonNode audit) {
        return audit.get("attempts").findValuesAsText("id");
    }
}
