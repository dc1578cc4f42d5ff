package io.sipfront.core.tls;

/** How the name in a server's certificate is checked against the SIP domain we connect to. */
public enum PeerVerification {
    /**
     * RFC 5922 §7: {@code sip:} URI subjectAltNames first, then dNSName, the subject CN only when the certificate
     * has no subjectAltName at all; exact match, no wildcards. IP-literal peers match iPAddress subjectAltNames.
     */
    STRICT,
    /**
     * Everything {@link #STRICT} accepts, plus HTTPS rules (RFC 6125): dNSNames count even beside {@code sip:} URIs,
     * and a wildcard ({@code *.example.com}) matches one leftmost label. For carriers whose certificates are
     * wildcards. The CN still counts only in a certificate without subjectAltNames.
     */
    RELAXED
}
