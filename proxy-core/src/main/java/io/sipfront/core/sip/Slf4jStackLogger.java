package io.sipfront.core.sip;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

/**
 * Routes JAIN-SIP's logging to SLF4J. Without it {@code gov.nist.core.CommonLogger} builds a
 * log4j logger on first use, and log4j is not on Sipfront's class path. JAIN-SIP has one global
 * logger slot ({@code CommonLogger.legacyLogger}), so all its classes log under one SLF4J name,
 * {@value #LOGGER_NAME}. JAIN-SIP's levels map to SLF4J's: fatal and error to error, then warn,
 * info (also "messages"), debug and trace.
 */
public final class Slf4jStackLogger implements StackLogger {

    public static final String LOGGER_NAME = "gov.nist.javax.sip";

    private final Logger log;
    private volatile boolean enabled = true;

    public Slf4jStackLogger(Logger log) {
        this.log = log;
    }

    /**
     * Makes JAIN-SIP log through SLF4J, once; later calls change nothing. Must run before
     * JAIN-SIP logs anything; {@link SipParser} calls it from its static initializer.
     */
    public static synchronized void install() {
        if (!(CommonLogger.legacyLogger instanceof Slf4jStackLogger)) {
            CommonLogger.legacyLogger = new Slf4jStackLogger(LoggerFactory.getLogger(LOGGER_NAME));
        }
        CommonLogger.useLegacyLogger = true;
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled && log.isInfoEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (!enabled) {
            return false;
        }
        return switch (logLevel) {
            case TRACE_FATAL, TRACE_ERROR -> log.isErrorEnabled();
            case TRACE_WARN -> log.isWarnEnabled();
            case TRACE_INFO -> log.isInfoEnabled();
            case TRACE_DEBUG -> log.isDebugEnabled();
            case TRACE_TRACE -> log.isTraceEnabled();
            default -> false;
        };
    }

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int traceLevel) {
        if (isLoggingEnabled(traceLevel)) {
            Throwable where = new Throwable("stack trace");
            switch (traceLevel) {
                case TRACE_FATAL, TRACE_ERROR -> log.error("JAIN-SIP stack trace", where);
                case TRACE_WARN -> log.warn("JAIN-SIP stack trace", where);
                case TRACE_INFO -> log.info("JAIN-SIP stack trace", where);
                case TRACE_TRACE -> log.trace("JAIN-SIP stack trace", where);
                default -> log.debug("JAIN-SIP stack trace", where);
            }
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        if (enabled) {
            log.error("JAIN-SIP exception", ex);
        }
    }

    @Override
    public void logDebug(String message) {
        if (enabled) {
            log.debug(message);
        }
    }

    @Override
    public void logDebug(String message, Exception ex) {
        if (enabled) {
            log.debug(message, ex);
        }
    }

    @Override
    public void logTrace(String message) {
        if (enabled) {
            log.trace(message);
        }
    }

    @Override
    public void logFatalError(String message) {
        if (enabled) {
            log.error(message);
        }
    }

    @Override
    public void logError(String message) {
        if (enabled) {
            log.error(message);
        }
    }

    @Override
    public void logError(String message, Exception ex) {
        if (enabled) {
            log.error(message, ex);
        }
    }

    @Override
    public void logWarning(String message) {
        if (enabled) {
            log.warn(message);
        }
    }

    @Override
    public void logInfo(String message) {
        if (enabled) {
            log.info(message);
        }
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        log.debug("JAIN-SIP build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Sipfront runs no JAIN-SIP stack; SLF4J configuration decides what is logged.
    }

    @Override
    public String getLoggerName() {
        return log.getName();
    }
}
