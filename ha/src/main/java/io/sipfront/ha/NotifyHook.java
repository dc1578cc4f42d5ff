package io.sipfront.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operator's command on every state change, with the new state, the old one and the node id appended
 * ({@code notify.sh master backup node1}): in a cloud without layer-2 failover it moves the elastic IP through the
 * provider's API. One at a time and in order, on a thread of its own; a hung hook is killed after a minute.
 */
final class NotifyHook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotifyHook.class);
    static final long TIMEOUT_MS = 60_000;
    /** Changes queued behind a slow hook; beyond this they are dropped (only the latest matters to a cloud API). */
    static final int QUEUE = 16;

    private final List<String> argv;
    private final String nodeId;
    private final CommandRunner runner;
    private final ExecutorService executor;

    NotifyHook(List<String> argv, String nodeId, CommandRunner runner) {
        this.argv = List.copyOf(argv);
        this.nodeId = nodeId;
        this.runner = runner;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "sipfront-ha-notify");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.DiscardOldestPolicy());
    }

    void stateChanged(HaState from, HaState to) {
        if (argv.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(argv);
        command.add(to.wire());
        command.add(from.wire());
        command.add(nodeId);
        executor.execute(() -> {
            int status = runner.run(command, TIMEOUT_MS);
            if (status != 0) {
                log.warn("notify hook {} exited with status {}", command, status);
            }
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
