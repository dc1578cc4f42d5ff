package io.sipfront.core.call;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call log: one line per finished call setup on logger {@code sipfront.calls}, written through Logback's
 * asynchronous appender so a lane never waits on it.
 */
public final class CallLogObserver implements CallObserver {
    private static final Logger LOG = LoggerFactory.getLogger("sipfront.calls");

    @Override
    public void finalAnswer(CallSetup call) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(call));
        }
    }

    /** {@code call call_id=… direction=… source=… attempts=carrier-a:503,carrier-b:200 final=200 duration_ms=…}. */
    public static String line(CallSetup call) {
        String attempts = attempts(call);
        return "call call_id=" + call.callId() + " direction=" + call.direction() + " source=" + call.source()
                + " attempts=" + (attempts.isEmpty() ? "-" : attempts) + " final=" + call.finalCode()
                + (call.refusedBy() == null ? "" : " limit=\"" + call.refusedBy() + "\"")
                + " duration_ms=" + TimeUnit.NANOSECONDS.toMillis(call.durationNanos());
    }

    /** The destinations tried and their outcome, {@code label:result} comma-separated (skipped ones left out). */
    public static String attempts(CallSetup call) {
        StringBuilder b = new StringBuilder();
        for (AttemptRecord a : call.attempts()) {
            if (a.kind() == AttemptRecord.Kind.SKIPPED_FOR_LIMIT) {
                continue;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(a.label()).append(':').append(a.result());
        }
        return b.toString();
    }
}
