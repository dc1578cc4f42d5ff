package io.sipfront.resolver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * An in-memory DNS for tests without sockets: answers from its zone (no such name / no data like a real
 * server), fails every question while down, or holds questions until the test releases them.
 */
final class FakeDns implements RecordQuerier {
    private final Map<String, List<Record>> zone = new ConcurrentHashMap<>();
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Set<String> askingThreads = ConcurrentHashMap.newKeySet();
    private final List<CompletableFuture<Void>> held = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile boolean down;
    private volatile boolean holding;

    FakeDns add(Record... records) {
        for (Record r : records) {
            zone.computeIfAbsent(key(r.getName(), r.getType()), k -> new ArrayList<>()).add(r);
        }
        return this;
    }

    FakeDns replace(Name name, int type, Record... records) {
        zone.put(key(name, type), new ArrayList<>(List.of(records)));
        return this;
    }

    void down(boolean down) {
        this.down = down;
    }

    /** Questions "name/TYPE" that fail as if no resolver answered. */
    FakeDns failing(String nameSlashType) {
        failing.add(nameSlashType);
        return this;
    }

    void holding(boolean holding) {
        this.holding = holding;
    }

    /** Lets every held question be answered. */
    void release() {
        List<CompletableFuture<Void>> now;
        synchronized (held) {
            now = new ArrayList<>(held);
            held.clear();
        }
        now.forEach(f -> f.complete(null));
    }

    /** Questions asked so far, as "name/TYPE". */
    List<String> asked() {
        synchronized (asked) {
            return List.copyOf(asked);
        }
    }

    /** Names of the threads that asked questions. */
    java.util.Set<String> askingThreads() {
        return java.util.Set.copyOf(askingThreads);
    }

    long askedFor(String nameSlashType) {
        return asked().stream().filter(nameSlashType::equals).count();
    }

    @Override
    public CompletionStage<RecordAnswer> query(Name name, int type) {
        asked.add(key(name, type));
        askingThreads.add(Thread.currentThread().getName());
        if (holding) {
            CompletableFuture<Void> gate = new CompletableFuture<>();
            held.add(gate);
            return gate.thenApply(v -> answer(name, type));
        }
        return CompletableFuture.supplyAsync(() -> answer(name, type), Runnable::run);
    }

    private RecordAnswer answer(Name name, int type) {
        if (down || failing.contains(key(name, type))) {
            throw new DnsUnavailableException("SERVFAIL from the fake server");
        }
        List<Record> records = zone.get(key(name, type));
        if (records != null && !records.isEmpty()) {
            return RecordAnswer.of(records);
        }
        String owner = name.toString(true) + "/";
        return zone.keySet().stream().anyMatch(k -> k.startsWith(owner)) ? RecordAnswer.noData()
                : RecordAnswer.noSuchName();
    }

    private static String key(Name name, int type) {
        return name.toString(true) + "/" + Type.string(type);
    }
}
