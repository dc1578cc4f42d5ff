package io.sipfront.ha;

import io.sipfront.ha.config.HaSettings;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes the VIP with {@code ip addr} and announces it with gratuitous ARP ({@code arping -U}, iputils)
 * or, for IPv6, an unsolicited neighbour advertisement ({@code ndsend}, ndisc6). Commands run in order on one
 * thread of their own, so a slow spawn never delays the heartbeat's detection of the next event.
 */
final class VipController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VipController.class);
    static final long COMMAND_TIMEOUT_MS = 5_000;
    /** Spacing of the repeated announcements; the first goes out at once. */
    static final long GARP_INTERVAL_MS = 200;

    private final HaSettings.Vip vip;
    private final CommandRunner runner;
    private final IpBatch ipBatch;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicBoolean held = new AtomicBoolean();

    /** @param ipBatch null: spawn {@code ip} for every change (tests) */
    VipController(HaSettings.Vip vip, CommandRunner runner, IpBatch ipBatch) {
        this.vip = vip;
        this.runner = runner;
        this.ipBatch = ipBatch;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sipfront-ha-vip");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether the VIP is on the interface as far as we know. */
    boolean held() {
        return held.get();
    }

    /** Removes a VIP a crashed predecessor left on the interface; waits for it (start-up only). */
    void removeStale() {
        int status = runner.run(delete(), COMMAND_TIMEOUT_MS);
        if (status == 0) {
            log.warn("removed a stale VIP {}/{} from {} (left by a crash?)", text(), vip.prefix(), vip.iface());
        }
    }

    /** Starts {@code ip -batch} now, so the first takeover does not pay for it. */
    void prepare() {
        if (ipBatch != null) {
            ipBatch.warmUp();
        }
    }

    void acquire() {
        executor.execute(() -> {
            long start = System.nanoTime();
            if (ipBatch == null || !ipBatch.submit(String.join(" ", add().subList(1, add().size())))) {
                int added = runner.run(add(), COMMAND_TIMEOUT_MS);
                // 2 is "File exists": already there (re-acquire after a split brain) is fine.
                if (added != 0 && added != 2) {
                    log.error("cannot add VIP {}/{} to {} (ip exit status {})", text(), vip.prefix(), vip.iface(),
                            added);
                    return;
                }
            }
            held.set(true);
            announce();
            log.info("VIP {} added to {}; first announcement started after {} µs", text(), vip.iface(),
                    (System.nanoTime() - start) / 1000);
            for (int i = 1; i < vip.garpCount(); i++) {
                // One arping per announcement, scheduled: a release queued meanwhile is not held up for seconds.
                executor.schedule(this::announceIfHeld, i * GARP_INTERVAL_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    void reannounce() {
        executor.execute(this::announceIfHeld);
    }

    private void announceIfHeld() {
        if (held.get()) {
            announce();
        }
    }

    void release() {
        executor.execute(this::releaseNow);
    }

    /** Removes the VIP and waits (at most {@code timeoutMs}) for it and everything queued before it. */
    void releaseAndWait(long timeoutMs) {
        release();
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.shutdown();
        try {
            executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ipBatch != null) {
            ipBatch.close(); // waits for ip to run the delete
        }
    }

    private void releaseNow() {
        held.set(false);
        if (ipBatch != null && ipBatch.submit(String.join(" ", delete().subList(1, delete().size())))) {
            log.info("VIP {} removed from {}", text(), vip.iface());
            return;
        }
        int status = runner.run(delete(), COMMAND_TIMEOUT_MS);
        log.info("VIP {} removed from {} (ip exit status {})", text(), vip.iface(), status);
    }

    private void announce() {
        runner.start(announceCommand(), status -> {
            if (status == 2 && held.get()) {
                // arping could not bind the VIP: ip -batch had not added it yet. Once more, now it has.
                runner.start(announceCommand(), s -> { });
            } else if (status != 0) {
                log.warn("gratuitous ARP / neighbour advertisement for {} failed (exit status {})", text(), status);
            }
        });
    }

    List<String> add() {
        return List.of("ip", "addr", "add", text() + "/" + vip.prefix(), "dev", vip.iface());
    }

    List<String> delete() {
        return List.of("ip", "addr", "del", text() + "/" + vip.prefix(), "dev", vip.iface());
    }

    List<String> announceCommand() {
        if (vip.address() instanceof Inet4Address) {
            return List.of("arping", "-q", "-U", "-c", "1", "-I", vip.iface(), text());
        }
        List<String> argv = new ArrayList<>(List.of("ndsend", text(), vip.iface()));
        return argv;
    }

    private String text() {
        return vip.address().getHostAddress();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        if (ipBatch != null) {
            ipBatch.close();
        }
    }
}
