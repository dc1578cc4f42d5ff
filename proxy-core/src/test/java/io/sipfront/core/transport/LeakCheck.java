package io.sipfront.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Turns Netty's leak reports (logged by {@link ResourceLeakDetector} at ERROR) into test failures. A leak is
 * reported when a leaked buffer has been garbage collected and the detector next tracks an allocation, so
 * {@link #assertNoLeaks()} collects garbage and allocates a little before looking.
 */
final class LeakCheck {
    private static final ListAppender<ILoggingEvent> REPORTS = new ListAppender<>();

    static {
        Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        REPORTS.start();
        detector.addAppender(REPORTS);
        // Without a logback-test.xml everything logs at DEBUG; Netty's start-up chatter hides real output.
        ((Logger) LoggerFactory.getLogger("io.netty")).setLevel(Level.INFO);
        detector.setLevel(Level.WARN);
    }

    private LeakCheck() {
    }

    /** Fails unless the JVM runs with paranoid leak detection (the parent POM sets it for surefire). */
    static void assertParanoid() {
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel(),
                "tests must run with -Dio.netty.leakDetection.level=PARANOID");
    }

    static void assertNoLeaks() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20);
            for (int i = 0; i < 64; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                pooled.release();
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
                unpooled.release();
            }
        }
        List<ILoggingEvent> leaks;
        synchronized (REPORTS) {
            leaks = new ArrayList<>(REPORTS.list);
            REPORTS.list.clear();
        }
        assertTrue(leaks.isEmpty(), () -> "buffer leaks reported: " + leaks.get(0).getFormattedMessage());
    }
}
