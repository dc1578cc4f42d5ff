package io.sipfront.core.cluster;

import io.sipfront.time.Clock;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every peer's {@code GET /health/live} each {@code peer_check_ms}, on a thread of its own (never a lane): any
 * HTTP answer means the process runs and holds its transactions, so responses for them are relayed to it. A draining
 * peer (503 on {@code /health/ready}) is still alive here. A refused connection is conclusive at once (the process is
 * gone and its kernel says so); a silent peer is dead after {@link #SILENT_CHECKS} checks without an answer, so one
 * late answer under load never turns relaying into stateless forwarding, which a live peer's transaction would miss.
 */
public final class PeerWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerWatch.class);
    static final int SILENT_CHECKS = 3;

    /** The result of one check. */
    enum Outcome { ANSWERED, REFUSED, SILENT }

    private final ClusterPeers peers;
    private final Clock clock;
    private final int[] silentInARow;
    private final ScheduledExecutorService timer;
    private final ExecutorService io;
    private final HttpClient http;
    private final Duration timeout;

    private PeerWatch(ClusterPeers peers, int intervalMs, Clock clock) {
        this.peers = peers;
        this.clock = clock;
        this.silentInARow = new int[peers.peers().size()];
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "sipfront-peer-watch"));
        this.io = Executors.newFixedThreadPool(1, r -> daemonThread(r, "sipfront-peer-watch-io"));
        this.timeout = Duration.ofMillis(Math.max(50, intervalMs * 2L));
        this.http = HttpClient.newBuilder().executor(io).connectTimeout(timeout).build();
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts checking every peer each {@code intervalMs}. */
    public static PeerWatch start(ClusterPeers peers, int intervalMs, Clock clock) {
        PeerWatch w = new PeerWatch(peers, intervalMs, clock);
        w.timer.scheduleWithFixedDelay(w::checkAll, 0, intervalMs, TimeUnit.MILLISECONDS);
        return w;
    }

    private void checkAll() {
        var list = peers.peers();
        for (int i = 0; i < list.size(); i++) {
            int index = i;
            ClusterPeers.PeerState peer = list.get(i);
            var admin = peer.peer().admin();
            URI uri = URI.create("http://" + hostPort(admin) + "/health/live");
            http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                            HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        Outcome o = error == null ? Outcome.ANSWERED : isRefused(error) ? Outcome.REFUSED
                                : Outcome.SILENT;
                        timer.execute(() -> record(index, peer, o));
                        return null;
                    });
        }
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static boolean isRefused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Applies one check's outcome to {@code peer}; runs on the timer thread only. */
    void record(int index, ClusterPeers.PeerState peer, Outcome outcome) {
        boolean alive;
        if (outcome == Outcome.ANSWERED) {
            silentInARow[index] = 0;
            alive = true;
        } else if (outcome == Outcome.REFUSED) {
            alive = false;
        } else {
            silentInARow[index]++;
            alive = silentInARow[index] < SILENT_CHECKS && peer.alive();
        }
        if (peer.set(alive, clock.currentTimeMillis())) {
            log.warn("cluster peer {} is {} ({})", peer.peer().id(), alive ? "alive" : "gone", outcome);
        }
    }

    /** For tests: a watch that never checks on its own. */
    static PeerWatch manual(ClusterPeers peers, Clock clock) {
        return new PeerWatch(peers, 100, clock);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        io.shutdownNow();
    }
}
