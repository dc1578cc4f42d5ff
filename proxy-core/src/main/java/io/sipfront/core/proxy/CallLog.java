package io.sipfront.core.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the one line per finished call setup (logger {@code sipfront.calls}); an interface so tests can collect
 * the lines.
 */
@FunctionalInterface
public interface CallLog {
    void finished(CallRecord record);

    Logger LOG = LoggerFactory.getLogger("sipfront.calls");

    CallLog SLF4J = record -> {
        if (LOG.isInfoEnabled()) {
            LOG.info(record.line());
        }
    };
}
