package io.sipfront.core.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per routing decision on logger {@code sipfront.audit}: what an operator reads the morning after an
 * outage. An interface so tests can collect the entries.
 */
@FunctionalInterface
public interface AuditTrail {
    void write(AuditEntry entry);

    Logger LOG = LoggerFactory.getLogger("sipfront.audit");
    ObjectMapper JSON = new ObjectMapper();

    AuditTrail SLF4J = entry -> {
        if (LOG.isInfoEnabled()) {
            try {
                LOG.info(JSON.writeValueAsString(entry));
            } catch (JsonProcessingException e) {
                LOG.warn("audit entry for call {} not written: {}", entry.callId(), e.toString());
            }
        }
    };
}
