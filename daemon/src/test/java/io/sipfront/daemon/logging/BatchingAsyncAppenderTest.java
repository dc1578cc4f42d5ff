package io.sipfront.daemon.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The call log, audit and call-record appender: nothing lost at stop, order kept, a lane never waits. */
class BatchingAsyncAppenderTest {
    private static final long AN_HOUR_MS = 3_600_000;

    private final LoggerContext context = new LoggerContext();
    private final Logger log = context.getLogger("sipfront.calls");

    {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    private BatchingAsyncAppender appender(Appender<ILoggingEvent> target, int queueSize) {
        target.setContext(context);
        target.start();
        BatchingAsyncAppender batching = new BatchingAsyncAppender();
        batching.setContext(context);
        batching.setName("TEST");
        batching.setQueueSize(queueSize);
        batching.setFlushIntervalMs(AN_HOUR_MS); // only a half-full queue or stop makes it write
        batching.addAppender(target);
        batching.start();
        assertTrue(batching.isStarted());
        log.addAppender(batching);
        log.setAdditive(false);
        return batching;
    }

    @Test
    void stopWritesEveryQueuedLineInOrder() {
        ListAppender<ILoggingEvent> target = new ListAppender<>();
        BatchingAsyncAppender batching = appender(target, 8192);
        for (int i = 0; i < 100; i++) {
            log.info("call {}", i);
        }
        batching.stop();
        assertEquals(100, target.list.size());
        for (int i = 0; i < 100; i++) {
            assertEquals("call " + i, target.list.get(i).getFormattedMessage());
        }
        assertEquals(0, batching.dropped());
    }

    @Test
    void theMessageIsTheOneOfTheMomentItWasLogged() {
        ListAppender<ILoggingEvent> target = new ListAppender<>();
        BatchingAsyncAppender batching = appender(target, 16);
        StringBuilder state = new StringBuilder("ringing");
        log.info("call {}", state);
        state.replace(0, state.length(), "ended");
        batching.stop();
        assertEquals("call ringing", target.list.get(0).getFormattedMessage());
    }

    @Test
    void aHalfFullQueueIsWrittenWithoutWaitingForTheInterval() throws InterruptedException {
        CountDownLatch written = new CountDownLatch(4);
        AppenderBase<ILoggingEvent> target = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                written.countDown();
            }
        };
        appender(target, 8);
        for (int i = 0; i < 4; i++) {
            log.info("call {}", i);
        }
        assertTrue(written.await(10, TimeUnit.SECONDS), "the writer waited for its hour-long interval");
    }

    @Test
    void aBatchReachesItsFileInOneWriteInsteadOfOnePerLine() {
        CountingStream file = new CountingStream();
        BatchingAsyncAppender batching = appender(streamAppender(file), 8192);
        for (int i = 0; i < 100; i++) {
            log.info("call {}", i);
        }
        batching.stop();
        assertEquals(100, file.text().split("\n").length);
        assertTrue(file.writes <= 2, file.writes + " writes for one batch of 100 lines");
    }

    @Test
    void aBatchIsFlushedWhenItIsWrittenNotOnlyAtStop() throws InterruptedException {
        CountingStream file = new CountingStream();
        appender(streamAppender(file), 8);
        for (int i = 0; i < 4; i++) {
            log.info("call {}", i); // the fourth fills half the queue and wakes the writer
        }
        assertTrue(file.flushed.await(10, TimeUnit.SECONDS), "the batch was not flushed");
        assertEquals("call 0\ncall 1\ncall 2\ncall 3\n", file.text());
    }

    /** A stream appender in front of a buffered stream, as a FileAppender is. */
    private OutputStreamAppender<ILoggingEvent> streamAppender(CountingStream file) {
        OutputStreamAppender<ILoggingEvent> target = new OutputStreamAppender<>();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        target.setEncoder(encoder);
        target.setOutputStream(new BufferedOutputStream(file, 8192));
        return target;
    }

    /** What reaches the "disk": each write here would be one system call. */
    private static final class CountingStream extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CountDownLatch flushed = new CountDownLatch(1);
        private volatile int writes;

        @Override
        public void flush() {
            flushed.countDown();
        }

        @Override
        public synchronized void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFullQueueDropsLinesInsteadOfBlockingTheLoggingThread() throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> slowDisk = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                lines.add(event.getFormattedMessage());
            }
        };
        BatchingAsyncAppender batching = appender(slowDisk, 4);
        log.info("a");
        log.info("b"); // half full: the writer takes a and b and then hangs on the disk
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        for (String line : List.of("c", "d", "e", "f", "g", "h", "i")) {
            log.info(line); // c..f fill the queue, g, h, i are dropped, none blocks
        }
        assertEquals(3, batching.dropped());
        release.countDown();
        batching.stop();
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), lines);
    }
}
