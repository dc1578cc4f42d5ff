package io.sipfront.core.tls;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.sipfront.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the contexts of one test with one provider and closes them all at the end. */
final class TlsContexts implements AutoCloseable {
    private final TlsContextFactory factory;
    private final List<ReloadableSslContext> open = new ArrayList<>();

    TlsContexts(SslProvider provider) {
        assumeTrue(provider == SslProvider.JDK || OpenSsl.isAvailable(), "netty-tcnative does not load here");
        this.factory = new TlsContextFactory(provider);
    }

    TlsContextFactory factory() {
        return factory;
    }

    ReloadableSslContext server(TlsServerSettings settings) throws TlsSetupException {
        return track(ReloadableSslContext.server(factory, settings, Clock.SYSTEM));
    }

    ReloadableSslContext server(TestPki.Leaf leaf) throws TlsSetupException {
        return server(TlsServerSettings.of(leaf.files()));
    }

    /** A listener with {@code own}'s certificate that requires client certificates issued by {@code ca}. */
    ReloadableSslContext mutualServer(TestPki.Leaf own, Path ca) throws TlsSetupException {
        return server(new TlsServerSettings(own.files(), ClientAuthMode.REQUIRE, ca, HandshakePolicy.DEFAULTS));
    }

    /** A strict client trusting {@code ca} that shows {@code own}'s certificate. */
    ReloadableSslContext mutualClient(Path ca, TestPki.Leaf own) throws TlsSetupException {
        return client(new TlsClientSettings(ca, own.files(), PeerVerification.STRICT, HandshakePolicy.DEFAULTS));
    }

    ReloadableSslContext client(TlsClientSettings settings) throws TlsSetupException {
        return track(ReloadableSslContext.client(factory, settings, Clock.SYSTEM));
    }

    ReloadableSslContext client(Path ca, PeerVerification verification) throws TlsSetupException {
        return client(new TlsClientSettings(ca, null, verification, HandshakePolicy.DEFAULTS));
    }

    ReloadableSslContext track(ReloadableSslContext context) {
        open.add(context);
        return context;
    }

    @Override
    public void close() {
        open.forEach(ReloadableSslContext::close);
    }
}
