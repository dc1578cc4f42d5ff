package io.sipfront.core.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which TLS engine to ask for. The choice is made once, at start, by {@link #resolve()}. */
public enum TlsProvider {
    /** The JDK's SSLEngine: no native code, the tested default. */
    JDK,
    /** BoringSSL through netty-tcnative when its native library loads on this machine, else the JDK (logged). */
    OPENSSL;

    private static final Logger log = LoggerFactory.getLogger(TlsProvider.class);

    /**
     * The Netty provider to build contexts with. OpenSSL contexts are the reference-counted kind, so that a reload
     * can release the old native context once its last connection is gone.
     */
    public SslProvider resolve() {
        if (this == JDK) {
            log.info("TLS provider: JDK ({})", Runtime.version());
            return SslProvider.JDK;
        }
        if (OpenSsl.isAvailable()) {
            log.info("TLS provider: OpenSSL ({}, netty-tcnative)", OpenSsl.versionString());
            return SslProvider.OPENSSL_REFCNT;
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        log.warn("TLS provider: JDK; OpenSSL was asked for but netty-tcnative did not load ({})",
                cause == null ? "unknown reason" : cause.toString());
        return SslProvider.JDK;
    }
}
