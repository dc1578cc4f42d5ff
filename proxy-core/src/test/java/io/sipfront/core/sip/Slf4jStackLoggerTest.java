package io.sipfront.core.sip;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import gov.nist.core.CommonLogger;
import gov.nist.core.LogLevels;
import gov.nist.core.StackLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Slf4jStackLoggerTest {

    private final Logger logback = (Logger) LoggerFactory.getLogger(Slf4jStackLogger.LOGGER_NAME);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level savedLevel;

    @BeforeEach
    void capture() {
        SipParser.init();
        savedLevel = logback.getLevel();
        events.start();
        logback.addAppender(events);
    }

    @AfterEach
    void release() {
        logback.detachAppender(events);
        logback.setLevel(savedLevel);
        CommonLogger.legacyLogger.enableLogging();
    }

    @Test
    void initInstallsItOnceAsJainSipsLogger() {
        StackLogger installed = assertInstanceOf(Slf4jStackLogger.class, CommonLogger.legacyLogger);
        SipParser.init();
        Slf4jStackLogger.install();
        assertSame(installed, CommonLogger.legacyLogger);
    }

    @Test
    void jainSipLoggingReachesSlf4jWithoutLog4j() {
        StackLogger jainSipLogger = CommonLogger.getLogger("gov.nist.javax.sip.parser.StringMsgParser");
        jainSipLogger.logWarning("warned");
        jainSipLogger.logError("failed", new IllegalStateException("cause"));
        assertEquals(2, events.list.size());
        assertEquals(Level.WARN, events.list.get(0).getLevel());
        assertEquals("warned", events.list.get(0).getFormattedMessage());
        assertEquals(Level.ERROR, events.list.get(1).getLevel());
        assertEquals("cause", events.list.get(1).getThrowableProxy().getMessage());
    }

    @Test
    void levelsFollowTheSlf4jConfiguration() {
        StackLogger jainSipLogger = CommonLogger.getLogger("x");
        logback.setLevel(Level.INFO);
        assertTrue(jainSipLogger.isLoggingEnabled(LogLevels.TRACE_INFO));
        assertFalse(jainSipLogger.isLoggingEnabled(LogLevels.TRACE_DEBUG));
        jainSipLogger.logDebug("hidden");
        logback.setLevel(Level.TRACE);
        assertTrue(jainSipLogger.isLoggingEnabled(LogLevels.TRACE_TRACE));
        assertFalse(jainSipLogger.isLoggingEnabled(LogLevels.TRACE_NONE));
        jainSipLogger.disableLogging();
        assertFalse(jainSipLogger.isLoggingEnabled(LogLevels.TRACE_ERROR));
        jainSipLogger.logError("silenced");
        assertTrue(events.list.isEmpty(), events.list.toString());
    }
}
