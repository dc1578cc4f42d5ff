package io.sipfront.resolver;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * An answer as the cache hands it out: stale when it is past its TTL (served because resolvers fail), with the
 * time ({@link DnsClock#nanoTime()}) from which a background refresh would ask for it again.
 */
record CachedAnswer(RecordAnswer answer, boolean stale, long recheckAt) {
    List<Record> records() {
        return answer.records();
    }
}
