package io.sipfront.resolver;

import java.util.List;
import org.xbill.DNS.Record;

/** An answer as the cache hands it out: stale when it is past its TTL (served because resolvers fail). */
record CachedAnswer(RecordAnswer answer, boolean stale) {
    List<Record> records() {
        return answer.records();
    }
}
