/**
 * TLS building blocks for SIP over TLS (RFC 3261 §26, RFC 5922, RFC 5630): validated settings
 * ({@link io.sipfront.core.tls.TlsServerSettings}, {@link io.sipfront.core.tls.TlsClientSettings}), Netty
 * {@code SslContext}s with the JDK or the OpenSSL (netty-tcnative BoringSSL) provider
 * ({@link io.sipfront.core.tls.TlsContextFactory}), peer identity checks per RFC 5922 against the SIP domain of
 * the destination URI ({@link io.sipfront.core.tls.SipPeerTrustManager}), hot reload of the PEM files
 * ({@link io.sipfront.core.tls.ReloadableSslContext}), handshake failure reasons an operator can read
 * ({@link io.sipfront.core.tls.TlsFailures}) and days to certificate expiry
 * ({@link io.sipfront.core.tls.CertificateExpiry}).
 *
 * <p>Nothing here touches a socket: the transport asks a {@code ReloadableSslContext} for a new
 * {@code SslHandler} per connection. Reading files and building contexts happen off the event loops.
 */
package io.sipfront.core.tls;
