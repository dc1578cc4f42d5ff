package io.sipfront.daemon.logging;

import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.ErrorStatus;
import java.io.BufferedOutputStream;
import java.io.IOException;

/**
 * Logback's {@code ConsoleAppender} for standard output, but buffered, so that a {@link BatchingAsyncAppender}
 * in front of it writes a whole batch with one system call.
 *
 * <p>Why not {@code ConsoleAppender}: it hands each line to {@code System.out}, a {@code PrintStream} that
 * flushes every write, so with the call log on standard output (the daemon's default) every call cost a
 * {@code write} whatever the appender's {@code immediateFlush}. This one collects lines in its own buffer and hands
 * {@code System.out} the whole buffer at a flush. Alone, it flushes every line as {@code ConsoleAppender} does
 * ({@code immediateFlush} defaults to true). Stopping flushes but never closes standard output.
 *
 * <pre>{@code
 * <appender name="STDOUT" class="io.sipfront.daemon.logging.StdoutAppender">
 *   <encoder><pattern>%msg%n</pattern></encoder>
 * </appender>
 * }</pre>
 */
public final class StdoutAppender<E> extends OutputStreamAppender<E> {
    private static final int BUFFER_BYTES = 64 * 1024;

    @Override
    public void start() {
        // System.out as it is now (a test may have replaced it); a full buffer reaches it in one write, which
        // PrintStream passes straight to the file descriptor.
        setOutputStream(new BufferedOutputStream(System.out, BUFFER_BYTES));
        super.start();
    }

    /**
     * Flushes instead of closing: standard output belongs to the process, not to this appender. Logback calls it
     * from {@code stop} and {@code setOutputStream}, both under the stream's lock.
     */
    @Override
    protected void closeOutputStream() {
        try {
            if (getOutputStream() != null) {
                getOutputStream().flush();
            }
        } catch (IOException e) {
            addStatus(new ErrorStatus("could not flush standard output", this, e));
        }
    }
}
