package io.sipfront.daemon.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Logback's {@code AsyncAppender} with a writer that wakes on a period instead of on every event.
 *
 * <p>Why: the call log, the audit trail and the call records each write one line per call. With
 * Logback's {@code AsyncAppender} the event loop that logs wakes the appender's thread for almost every
 * line (the thread waits on the queue), so a call paid three thread wake-ups, about 40 µs of CPU per call
 * at 500 calls/s on two cores (docs/performance.md). Here the writer sleeps {@code flushIntervalMs}, then
 * writes everything queued in one go; it is woken early only when the queue is half full. A lane never
 * waits: when the queue is full the line is dropped and counted, as {@code AsyncAppender} does with
 * {@code neverBlock}. Lines reach the file at most one interval late; on stop every queued line is written.
 *
 * <p>The default interval, 200 ms, is short next to anyone reading the file and long next to the wake-up: with
 * 50 ms the three writers of a node woke 60 times a second whether there was a line or not, about 1.7 ms of CPU a
 * second on an idle node, and under load each wake-up also costs a write per file (docs/performance.md).
 *
 * <p>The attached appenders that write to a stream (file and {@link StdoutAppender}) are flushed once per batch
 * rather than per line: this appender turns their {@code immediateFlush} off and back on for the last line of
 * each batch, so the flush still happens inside the target's own lock. One {@code write} per batch instead of
 * one per line saved three system calls per call (docs/performance.md).
 *
 * <pre>{@code
 * <appender name="AUDIT" class="io.sipfront.daemon.logging.BatchingAsyncAppender">
 *   <appender-ref ref="AUDIT_FILE"/>
 *   <queueSize>8192</queueSize>          <!-- default -->
 *   <flushIntervalMs>200</flushIntervalMs> <!-- default -->
 * </appender>
 * }</pre>
 */
public final class BatchingAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private final AtomicLong dropped = new AtomicLong();
    private int queueSize = 8192;
    private long flushIntervalMs = 200;
    private long stopTimeoutMs = 1000;
    private ArrayBlockingQueue<ILoggingEvent> queue;
    private int wakeAt;
    private volatile boolean writing;
    private Thread writer;

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public void setFlushIntervalMs(long flushIntervalMs) {
        this.flushIntervalMs = flushIntervalMs;
    }

    /** Longest wait at stop for the queued lines to be written. */
    public void setStopTimeoutMs(long stopTimeoutMs) {
        this.stopTimeoutMs = stopTimeoutMs;
    }

    /** Lines dropped because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (queueSize < 2 || flushIntervalMs < 1) {
            addError("queueSize must be at least 2 and flushIntervalMs at least 1 in appender " + getName());
            return;
        }
        if (!appenders.iteratorForAppenders().hasNext()) {
            addError("no appender-ref in appender " + getName());
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        wakeAt = queueSize / 2;
        writing = true;
        writer = new Thread(this::writeLoop, "sipfront-log-" + getName());
        writer.setDaemon(true);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // message and MDC from the logging thread, as AsyncAppender does
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        } else if (queue.size() == wakeAt) {
            LockSupport.unpark(writer);
        }
    }

    private void writeLoop() {
        List<ILoggingEvent> batch = new ArrayList<>();
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(flushIntervalMs);
        long reported = 0;
        while (writing) {
            LockSupport.parkNanos(this, intervalNanos);
            writeQueued(batch);
            long lost = dropped.get();
            if (lost != reported) {
                addWarn((lost - reported) + " lines dropped by appender " + getName() + ": queue full");
                reported = lost;
            }
        }
        writeQueued(batch); // whatever came in while stopping
    }

    private void writeQueued(List<ILoggingEvent> batch) {
        while (queue.drainTo(batch, queueSize) > 0) {
            int last = batch.size() - 1;
            setImmediateFlush(false);
            for (int i = 0; i < last; i++) {
                appenders.appendLoopOnAppenders(batch.get(i));
            }
            setImmediateFlush(true); // the last line of the batch flushes what the others left buffered
            appenders.appendLoopOnAppenders(batch.get(last));
            batch.clear();
        }
    }

    /** Only this thread appends to the targets, so the flag it sets is the one they read. */
    private void setImmediateFlush(boolean immediateFlush) {
        for (Iterator<Appender<ILoggingEvent>> it = appenders.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
                stream.setImmediateFlush(immediateFlush);
            }
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        writing = false;
        LockSupport.unpark(writer);
        try {
            writer.join(stopTimeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            addWarn("appender " + getName() + " stopped before writing every queued line");
        }
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}
