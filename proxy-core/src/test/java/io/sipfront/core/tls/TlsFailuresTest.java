package io.sipfront.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The reasons a prober shows, from the exceptions both engines really throw (texts copied from test runs). */
class TlsFailuresTest {
    @Test
    void alertsFromThePeerInBothSpellings() {
        assertReason("refused by the peer: it did not accept our certificate (alert unknown_ca)",
                new SSLHandshakeException("Received fatal alert: unknown_ca"));
        assertReason("refused by the peer: it did not accept our certificate (alert unknown_ca)",
                new SSLHandshakeException("error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA"));
        assertReason("refused by the peer: it requires a client certificate (alert certificate_required)",
                new SSLException("error:1000045c:SSL routines:OPENSSL_internal:TLSV1_ALERT_CERTIFICATE_REQUIRED"));
        assertReason("refused by the peer: alert handshake_failure",
                new SSLHandshakeException("Received fatal alert: handshake_failure"));
        assertReason("no common TLS version: the peer sent alert protocol_version",
                new DecoderException(new SSLHandshakeException(
                        "error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION")));
    }

    @Test
    void decisionsOfOurOwnEngine() {
        assertReason("no common TLS version: the peer offers no TLS 1.2 or 1.3", new SSLHandshakeException(
                "The client supported protocol versions [TLSv1.1] are not accepted by server preferences [TLS13, TLS12]"));
        assertReason("no common TLS version: the peer offers no TLS 1.2 or 1.3",
                new SSLHandshakeException("error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL"));
        assertReason("no client certificate", new SSLHandshakeException("Empty client certificate chain"));
        assertReason("no client certificate", new SSLHandshakeException(
                "error:100000c7:SSL routines:OPENSSL_internal:PEER_DID_NOT_RETURN_A_CERTIFICATE"));
        assertReason("refused by the peer: it sent an unencrypted alert (usually: it did not accept our certificate)",
                new SSLHandshakeException("Insufficient buffer remaining for AEAD cipher fragment (2). Needs to be"
                        + " more than tag size (16)"));
        assertReason("peer does not speak TLS", new DecoderException(new NotSslRecordException("not an SSL/TLS record")));
        assertReason("TLS handshake timed out", new SslHandshakeTimeoutException("handshake timed out after 5000ms"));
        assertReason("connection closed during the TLS handshake", new ClosedChannelException());
        assertReason("connection closed during the TLS handshake",
                new SSLHandshakeException("Connection closed while SSL/TLS handshake was in progress"));
    }

    @Test
    void ourCertificateVerdictWinsOverTextThatLooksLikeAnAlert() {
        TlsFailure wrongName = new TlsFailure(TlsFailure.Kind.WRONG_NAME,
                "wanted a.example, it names DNS:Received fatal alert: unknown_ca");
        SSLHandshakeException wrapped = new SSLHandshakeException(wrongName.reason());
        wrapped.initCause(new PeerCertificateException(wrongName, null));
        assertEquals(wrongName, TlsFailures.classify(wrapped));
    }

    @Test
    void anythingElseNamesOnlyTheRootCauseType() {
        IOException root = new IOException("text that might hold anything, e.g. a password=secret");
        assertReason("TLS handshake failed: IOException", new SSLException("General OpenSslEngine problem", root));
        assertReason("TLS handshake failed", null);
    }

    private static void assertReason(String expected, Throwable failure) {
        assertEquals(expected, TlsFailures.classify(failure).reason());
    }
}
