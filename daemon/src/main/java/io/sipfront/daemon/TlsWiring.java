package io.sipfront.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.tls.TlsSection;
import io.sipfront.core.tls.TlsSetupException;
import io.sipfront.core.transport.TlsTransport;
import io.sipfront.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The TLS contexts of a running daemon and the one thread that watches their files (never an event loop: it reads
 * files and builds contexts). A certificate, key or CA file that cannot be used stops start-up, naming the file.
 */
final class TlsWiring implements AutoCloseable {
    private final ScheduledExecutorService poller;
    private final TlsTransport transport;

    private TlsWiring(ScheduledExecutorService poller, TlsTransport transport) {
        this.poller = poller;
        this.transport = transport;
    }

    static TlsWiring start(SipfrontConfig config, MeterRegistry meters) {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sipfront-tls-files");
            t.setDaemon(true);
            return t;
        });
        try {
            return new TlsWiring(poller, TlsTransport.start(config.section(TlsSection.SECTION), Clock.SYSTEM, meters,
                    poller));
        } catch (TlsSetupException e) {
            poller.shutdownNow();
            throw new IllegalStateException("TLS: " + e.getMessage(), e);
        }
    }

    TlsTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        transport.close();
    }
}
