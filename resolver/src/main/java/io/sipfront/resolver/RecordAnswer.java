package io.sipfront.resolver;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * A resolver's answer to one (name, type) question: the records (CNAMEs already followed) with the smallest TTL
 * among them, or a negative answer, which carries no TTL we can see (dnsjava's LookupSession drops the SOA).
 */
record RecordAnswer(List<Record> records, Negative negative, long ttlSeconds) {
    enum Negative { NONE, NO_SUCH_NAME, NO_DATA }

    RecordAnswer {
        records = List.copyOf(records);
    }

    static RecordAnswer of(List<Record> records) {
        if (records.isEmpty()) {
            return noData();
        }
        long ttl = records.stream().mapToLong(Record::getTTL).min().orElseThrow();
        return new RecordAnswer(records, Negative.NONE, ttl);
    }

    static RecordAnswer noSuchName() {
        return new RecordAnswer(List.of(), Negative.NO_SUCH_NAME, 0);
    }

    static RecordAnswer noData() {
        return new RecordAnswer(List.of(), Negative.NO_DATA, 0);
    }

    boolean isNegative() {
        return negative != Negative.NONE;
    }
}
