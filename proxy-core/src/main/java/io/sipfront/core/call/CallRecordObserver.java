package io.sipfront.core.call;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call records: one JSON line per finished call on logger {@code sipfront.cdr} (a rotated file, through an
 * asynchronous appender, so a lane never waits on the disk). A call that was not answered is finished with its
 * final answer; an answered one when its BYE goes through or, if no BYE ever passes, when it expires
 * ({@code disposition: no-bye}). Fields: docs/operations.md, "Call records".
 */
public final class CallRecordObserver implements CallObserver {
    /** The logger the records go to; Logback routes it to its own file. */
    public static final String LOGGER = "sipfront.cdr";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final JsonFactory JSON = new JsonFactory();

    private final Consumer<String> sink;

    /** Records to the {@code sipfront.cdr} logger. */
    public CallRecordObserver() {
        this(line -> {
            if (LOG.isInfoEnabled()) {
                LOG.info(line);
            }
        });
    }

    /** Records to {@code sink}, one JSON line each (tests). */
    public CallRecordObserver(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void finalAnswer(CallSetup call) {
        if (call.answeredBy() == null || call.finalCode() >= 300) {
            sink.accept(record(call));
        }
    }

    @Override
    public void callEnded(CallSetup call) {
        sink.accept(record(call));
    }

    /** How the call ended, for reports: answered, no-bye, cancelled, busy, no-answer, failed. */
    static String disposition(CallSetup call) {
        if (call.hangup() != null) {
            return call.hangup() == CallSetup.Hangup.NO_BYE ? "no-bye" : "answered";
        }
        int code = call.finalCode();
        if (code >= 200 && code < 300) {
            return "answered";
        }
        return switch (code) {
            case 487 -> "cancelled";
            case 486, 600 -> "busy";
            case 408, 480 -> "no-answer";
            default -> "failed";
        };
    }

    /** The record of {@code call}, one line of JSON. */
    public static String record(CallSetup call) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("call_id", call.callId());
            g.writeStringField("direction", call.direction());
            g.writeStringField("source", call.source());
            g.writeStringField("start", instant(call.wallMillis()));
            AttemptRecord answered = call.finalCode() < 300 ? call.answeredBy() : null;
            long answerMillis = call.wallMillisAt(call.finalNanos());
            long endMillis = call.hangup() != null ? call.wallMillisAt(call.hangupNanos()) : answerMillis;
            g.writeStringField("answer", answered == null ? null : instant(answerMillis));
            g.writeStringField("end", instant(endMillis));
            g.writeNumberField("duration_ms", answered == null ? 0 : endMillis - answerMillis);
            g.writeNumberField("setup_ms", TimeUnit.NANOSECONDS.toMillis(call.durationNanos()));
            long pdd = call.postDialDelayNanos();
            if (pdd >= 0) {
                g.writeNumberField("pdd_ms", TimeUnit.NANOSECONDS.toMillis(pdd));
            } else {
                g.writeNullField("pdd_ms");
            }
            g.writeNumberField("final_code", call.finalCode());
            g.writeStringField("disposition", disposition(call));
            g.writeStringField("hangup", call.hangup() == null || call.hangup() == CallSetup.Hangup.NO_BYE ? null
                    : call.hangup().label());
            g.writeStringField("carrier", answered == null ? null : call.carrierOf(answered.set(), answered.id()));
            g.writeStringField("destination", answered == null ? null : answered.id());
            g.writeStringField("destination_set", answered == null ? null : answered.set());
            g.writeArrayFieldStart("attempts");
            for (AttemptRecord a : call.attempts()) {
                g.writeStartObject();
                g.writeStringField("set", a.set());
                g.writeStringField("destination", a.label());
                g.writeStringField("carrier", call.carrierOf(a.set(), a.id()));
                g.writeStringField("outcome", switch (a.kind()) {
                    case SENT -> "sent";
                    case SKIPPED_FOR_LIMIT -> "skipped-for-limit";
                    case REFUSED_BY_NUMBERING -> "refused-by-numbering";
                    case REFUSED_INSECURE -> "refused-insecure";
                });
                g.writeStringField("result", a.result());
                g.writeStringField("reason", a.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static String instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
