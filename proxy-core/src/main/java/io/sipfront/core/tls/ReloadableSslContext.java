package io.sipfront.core.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import io.sipfront.time.Clock;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS context of one side (our listener, or our connections to peers) that follows its PEM files: every new
 * connection takes the current context, a poll re-reads the files when their stamp changes, and a new context
 * replaces the current one only when it builds (bad or half-written files keep the old one, logged). Connections
 * already up keep the engine they were made with, so calls stay up across a certificate change, as with
 * Kamailio's {@code tls.reload}. An OpenSSL context is released after the swap; each live engine holds its own
 * reference, so the native context goes when the last old connection closes.
 *
 * <p>Handlers are made on the event loops ({@link #newServerHandler}, {@link #newClientHandler}); files are read only
 * at creation and by {@link #checkForChanges()}, which runs on the scheduler given to {@link #startPolling}.
 */
public final class ReloadableSslContext implements AutoCloseable {
    /** What one look at the files did. */
    public enum ReloadOutcome {
        /** The files have not changed since the last look. */
        UNCHANGED,
        /** New files were read; new connections use them. */
        RELOADED,
        /** The files changed but cannot be used; the previous context stays. */
        REJECTED
    }

    @FunctionalInterface
    interface Loader {
        TlsContext load() throws TlsSetupException;
    }

    private static final Logger log = LoggerFactory.getLogger(ReloadableSslContext.class);

    private final String name;
    private final Loader loader;
    private final List<Path> files;
    private final long handshakeTimeoutMillis;
    private final Clock clock;
    private final AtomicReference<TlsContext> current;
    private final Object reloadLock = new Object();
    private FileStamps seen; // guarded by reloadLock
    private ScheduledFuture<?> polling; // guarded by reloadLock
    private volatile boolean closed;

    private ReloadableSslContext(String name, Loader loader, List<Path> files, HandshakePolicy handshake, Clock clock,
                                 FileStamps seen, TlsContext first) {
        this.name = name;
        this.loader = loader;
        this.files = List.copyOf(files);
        this.handshakeTimeoutMillis = handshake.timeout().toMillis();
        this.clock = clock;
        this.seen = seen;
        this.current = new AtomicReference<>(first);
    }

    /** Our listener's context; fails when the files cannot be used, so that start-up names the bad file. */
    public static ReloadableSslContext server(TlsContextFactory factory, TlsServerSettings settings, Clock clock)
            throws TlsSetupException {
        return load("TLS server", () -> factory.server(settings), settings.files(), settings.handshake(), clock);
    }

    /** The context for connections we open; fails when the files cannot be used. */
    public static ReloadableSslContext client(TlsContextFactory factory, TlsClientSettings settings, Clock clock)
            throws TlsSetupException {
        return load("TLS client", () -> factory.client(settings), settings.files(), settings.handshake(), clock);
    }

    static ReloadableSslContext load(String name, Loader loader, List<Path> files, HandshakePolicy handshake,
                                     Clock clock) throws TlsSetupException {
        FileStamps stamps = FileStamps.of(files); // before reading: a change during the read is seen next time
        TlsContext first = loader.load();
        log.info("{}: loaded {}: {}", name, files, describe(first));
        return new ReloadableSslContext(name, loader, files, handshake, clock, stamps, first);
    }

    /** A handler for a connection a peer opened to our listener, with the handshake timeout set. */
    public SslHandler newServerHandler(ByteBufAllocator alloc) {
        return withCurrent(context -> context.newHandler(alloc));
    }

    /**
     * A handler for a connection we open. {@code sipDomain} is the host of the destination URI (RFC 5922: never the
     * SRV target, an IP string for IP-literal URIs): the server's certificate must name it, and it is sent as SNI.
     */
    public SslHandler newClientHandler(ByteBufAllocator alloc, String sipDomain, int port) {
        if (sipDomain == null || sipDomain.isEmpty()) {
            throw new IllegalArgumentException("a TLS connection needs the SIP domain to verify");
        }
        return withCurrent(context -> context.newHandler(alloc, sipDomain, port));
    }

    /**
     * Looks at the files once and reloads when they changed. Reads files: call it off the event loops (the poll
     * does). Returns what it did, for tests and the reload command.
     */
    public ReloadOutcome checkForChanges() {
        synchronized (reloadLock) {
            if (closed) {
                return ReloadOutcome.UNCHANGED;
            }
            FileStamps now = FileStamps.of(files);
            if (now.equals(seen)) {
                return ReloadOutcome.UNCHANGED;
            }
            seen = now; // a rejected set is not retried until the files change again: one warning per change
            TlsContext fresh;
            try {
                fresh = loader.load();
            } catch (TlsSetupException e) {
                log.warn("{}: the changed files cannot be used, keeping the current certificate: {}",
                        name, e.getMessage());
                return ReloadOutcome.REJECTED;
            }
            TlsContext old = current.getAndSet(fresh);
            ReferenceCountUtil.release(old.sslContext());
            log.info("{}: reloaded {}: {}", name, files, describe(fresh));
            return ReloadOutcome.RELOADED;
        }
    }

    /** Calls {@link #checkForChanges()} every {@code interval} on {@code scheduler}, which must not be an event loop. */
    public void startPolling(ScheduledExecutorService scheduler, Duration interval) {
        synchronized (reloadLock) {
            if (closed || polling != null) {
                throw new IllegalStateException(name + ": " + (closed ? "closed" : "already polling"));
            }
            long millis = interval.toMillis();
            polling = scheduler.scheduleWithFixedDelay(this::pollOnce, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Our current certificate chain, leaf first; empty for a client side without a certificate. */
    public List<X509Certificate> ownChain() {
        return current.get().ownChain();
    }

    /** Days until our current chain expires (NaN without one), read by the gauge at each scrape. */
    public double ownCertificateDaysLeft() {
        return CertificateExpiry.daysLeft(ownChain(), Instant.ofEpochMilli(clock.currentTimeMillis()));
    }

    /** The context new connections get now; package-private for tests of the release after a reload. */
    SslContext currentSslContext() {
        return current.get().sslContext();
    }

    @Override
    public void close() {
        synchronized (reloadLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (polling != null) {
                polling.cancel(false);
            }
            ReferenceCountUtil.release(current.get().sslContext());
        }
    }

    private void pollOnce() {
        try {
            checkForChanges();
        } catch (RuntimeException e) { // keep polling: a later change may be fine
            log.error("{}: checking {} failed ({})", name, files, e.getClass().getName());
        }
    }

    /**
     * Makes a handler from the current context. An OpenSSL context is retained while the engine is created, because a
     * reload on another thread may release it in between; a context already released means a reload won: retry.
     */
    private SslHandler withCurrent(Function<SslContext, SslHandler> make) {
        for (;;) {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
            SslContext context = current.get().sslContext();
            if (!(context instanceof ReferenceCounted counted)) {
                return withTimeout(make.apply(context));
            }
            try {
                counted.retain();
            } catch (IllegalReferenceCountException released) {
                continue;
            }
            try {
                return withTimeout(make.apply(context));
            } finally {
                counted.release();
            }
        }
    }

    private SslHandler withTimeout(SslHandler handler) {
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    private static String describe(TlsContext context) {
        if (context.ownChain().isEmpty()) {
            return "no certificate of our own";
        }
        X509Certificate leaf = context.ownChain().get(0);
        return "certificate " + leaf.getSubjectX500Principal().getName(X500Principal.RFC2253) + " valid until "
                + leaf.getNotAfter().toInstant();
    }
}
