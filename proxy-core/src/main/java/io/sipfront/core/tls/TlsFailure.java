package io.sipfront.core.tls;

/**
 * Why a TLS handshake failed, in words an operator can act on; shown as a destination's reason by the OPTIONS
 * prober and in logs. Never carries key material: the details are names, dates and issuers from certificates, and
 * TLS alert names.
 *
 * @param kind   the class of failure, for metrics and decisions
 * @param detail what exactly, possibly empty
 */
public record TlsFailure(Kind kind, String detail) {
    public enum Kind {
        /** The peer's certificate (or one in its chain) is past its notAfter date. */
        EXPIRED("certificate expired"),
        /** The peer's certificate is not valid yet (or our clock is wrong). */
        NOT_YET_VALID("certificate not yet valid"),
        /** The certificate chains to a trusted CA but does not name the SIP domain we connect to. */
        WRONG_NAME("certificate names another host"),
        /** The chain does not lead to a CA we trust (self-signed, unknown CA, incomplete chain). */
        UNTRUSTED("certificate not trusted"),
        /** The connecting client sent no certificate where one is required. */
        NO_CERTIFICATE("no client certificate"),
        /** The peer ended the handshake with an alert, usually because it refused our certificate. */
        REFUSED_BY_PEER("refused by the peer"),
        /** The two sides share no TLS version (e.g. the peer only speaks TLS 1.1). */
        NO_COMMON_VERSION("no common TLS version"),
        /** What arrived is not TLS, e.g. plain SIP on the TLS port. */
        NOT_TLS("peer does not speak TLS"),
        /** The handshake took longer than the configured timeout. */
        TIMEOUT("TLS handshake timed out"),
        /** The connection closed before the handshake finished. */
        CLOSED("connection closed during the TLS handshake"),
        /** Anything else. */
        FAILED("TLS handshake failed");

        private final String summary;

        Kind(String summary) {
            this.summary = summary;
        }

        public String summary() {
            return summary;
        }
    }

    public TlsFailure {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        detail = detail == null ? "" : detail;
    }

    /** One line, e.g. {@code certificate names another host: wanted platform.example.com, it names DNS:x.example.com}. */
    public String reason() {
        return detail.isEmpty() ? kind.summary() : kind.summary() + ": " + detail;
    }

    @Override
    public String toString() {
        return reason();
    }
}
