package io.sipfront.core.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns whatever a failed handshake threw (the {@code SslHandler}'s handshake future cause, or a channel exception
 * during the handshake) into a {@link TlsFailure}. Our own certificate checks arrive typed
 * ({@link PeerCertificateException}); what the peer or the engine decided arrives as {@link SSLException} text, which
 * differs between the JDK ({@code Received fatal alert: unknown_ca}) and BoringSSL
 * ({@code TLSV1_ALERT_UNKNOWN_CA}); both spellings are recognised.
 */
public final class TlsFailures {
    private static final Pattern JDK_ALERT = Pattern.compile("Received fatal alert: ([a-z_0-9]+)");
    private static final Pattern OPENSSL_ALERT = Pattern.compile("(?:SSLV3|TLSV1|TLSV13)_ALERT_([A-Z_0-9]+)");
    /** Alerts a peer sends when it does not accept the certificate we showed (or that we showed none). */
    private static final Set<String> CERTIFICATE_ALERTS = Set.of("bad_certificate", "unsupported_certificate",
            "certificate_revoked", "certificate_expired", "certificate_unknown", "unknown_ca",
            "certificate_required", "access_denied");

    private TlsFailures() {
    }

    /** The reason for a failed handshake; never null, {@link TlsFailure.Kind#FAILED} when nothing is recognised. */
    public static TlsFailure classify(Throwable failure) {
        if (failure == null) {
            return new TlsFailure(TlsFailure.Kind.FAILED, "");
        }
        List<Throwable> causes = causes(failure);
        // Typed causes first: a message test could be fooled by a certificate name quoted in our own messages.
        for (Throwable t : causes) {
            TlsFailure typed = fromType(t);
            if (typed != null) {
                return typed;
            }
        }
        for (Throwable t : causes) {
            if (t instanceof SSLException && t.getMessage() != null) {
                String alert = alert(t.getMessage());
                TlsFailure byText = alert != null ? fromAlert(alert) : fromEngineMessage(t.getMessage());
                if (byText != null) {
                    return byText;
                }
            }
        }
        return new TlsFailure(TlsFailure.Kind.FAILED, rootCause(failure).getClass().getSimpleName());
    }

    /** The cause chain, then what was suppressed along it (the OpenSSL engine adds later callback failures there). */
    private static List<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        List<Throwable> all = new ArrayList<>(chain);
        for (Throwable t : chain) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (seen.add(suppressed)) {
                    all.add(suppressed);
                }
            }
        }
        return all;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root;
    }

    private static TlsFailure fromType(Throwable t) {
        if (t instanceof PeerCertificateException p) {
            return p.failure();
        }
        if (t instanceof SslHandshakeTimeoutException) {
            return new TlsFailure(TlsFailure.Kind.TIMEOUT, "");
        }
        if (t instanceof NotSslRecordException) {
            return new TlsFailure(TlsFailure.Kind.NOT_TLS, "");
        }
        if (t instanceof ClosedChannelException) {
            return new TlsFailure(TlsFailure.Kind.CLOSED, "");
        }
        return null;
    }

    private static String alert(String message) {
        Matcher jdk = JDK_ALERT.matcher(message);
        if (jdk.find()) {
            return jdk.group(1);
        }
        Matcher openssl = OPENSSL_ALERT.matcher(message);
        return openssl.find() ? openssl.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private static TlsFailure fromAlert(String alert) {
        if (alert.equals("protocol_version")) {
            return new TlsFailure(TlsFailure.Kind.NO_COMMON_VERSION, "the peer sent alert protocol_version");
        }
        if (alert.equals("certificate_required")) {
            return new TlsFailure(TlsFailure.Kind.REFUSED_BY_PEER,
                    "it requires a client certificate (alert certificate_required)");
        }
        if (CERTIFICATE_ALERTS.contains(alert)) {
            return new TlsFailure(TlsFailure.Kind.REFUSED_BY_PEER, "it did not accept our certificate (alert "
                    + alert + ")");
        }
        return new TlsFailure(TlsFailure.Kind.REFUSED_BY_PEER, "alert " + alert);
    }

    /** Decisions of our own engine that are not certificate checks. */
    private static TlsFailure fromEngineMessage(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("protocol versions") || m.contains("no appropriate protocol")
                || m.contains("unsupported_protocol") || m.contains("is not enabled or supported")) {
            return new TlsFailure(TlsFailure.Kind.NO_COMMON_VERSION, "the peer offers no TLS 1.2 or 1.3");
        }
        if (m.contains("empty client certificate chain") || m.contains("peer_did_not_return_a_certificate")
                || m.contains("empty server certificate chain")) {
            return new TlsFailure(TlsFailure.Kind.NO_CERTIFICATE, "");
        }
        if (m.contains("unrecognized ssl message") || m.contains("plaintext connection")
                || m.contains("wrong_version_number") || m.contains("http_request")) {
            return new TlsFailure(TlsFailure.Kind.NOT_TLS, "");
        }
        if (m.contains("aead cipher fragment (2)")) {
            // A 2-byte record where the JDK expected an encrypted one: a TLS 1.3 peer (OpenSSL, e.g. Kamailio) that
            // refuses our certificate sends its alert before it has switched to the handshake keys.
            return new TlsFailure(TlsFailure.Kind.REFUSED_BY_PEER,
                    "it sent an unencrypted alert (usually: it did not accept our certificate)");
        }
        if (m.contains("connection closed") || m.contains("closed already")) {
            return new TlsFailure(TlsFailure.Kind.CLOSED, "");
        }
        return null;
    }
}
