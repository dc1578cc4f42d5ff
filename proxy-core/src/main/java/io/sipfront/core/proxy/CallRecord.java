package io.sipfront.core.proxy;

import java.util.concurrent.TimeUnit;

/**
 * What happened to one call setup: who sent it, every destination tried and how each answered, the final code
 * sent back and how long the setup took (INVITE received to final response sent).
 */
public final class CallRecord {
    private final String callId;
    private final String direction;
    private final String source;
    private final long startNanos;
    private final StringBuilder attempts = new StringBuilder();
    private int finalCode;
    private long durationNanos;

    public CallRecord(String callId, String direction, String source, long startNanos) {
        this.callId = callId;
        this.direction = direction;
        this.source = source;
        this.startNanos = startNanos;
    }

    /** One destination tried and its outcome: a status code, {@code timeout} or {@code transport-error}. */
    void attempt(String destination, String result) {
        if (attempts.length() > 0) {
            attempts.append(',');
        }
        attempts.append(destination).append(':').append(result);
    }

    void finish(int code, long nowNanos) {
        this.finalCode = code;
        this.durationNanos = nowNanos - startNanos;
    }

    public int finalCode() {
        return finalCode;
    }

    public String attempts() {
        return attempts.toString();
    }

    public String line() {
        return "call call_id=" + callId + " direction=" + direction + " source=" + source
                + " attempts=" + (attempts.length() == 0 ? "-" : attempts) + " final=" + finalCode
                + " duration_ms=" + TimeUnit.NANOSECONDS.toMillis(durationNanos);
    }

    @Override
    public String toString() {
        return line();
    }
}
