package io.sipfront.config;

import io.sipfront.net.Transport;
import java.net.InetSocketAddress;

/**
 * An outbound registration (RFC 3261 §10.2).
 *
 * @param registrarUri the Request-URI of every REGISTER, as written ({@code sip:127.0.0.20:5060})
 * @param registrar    where REGISTERs go (resolved once at load)
 * @param aor          the address of record: To and From
 * @param contactUser  the user part of our Contact; inbound calls to it are this carrier's
 * @param expiresS     the lifetime asked for; the registrar may grant less
 */
public record RegistrationSettings(String registrarUri, InetSocketAddress registrar, Transport transport, String aor,
                                   String contactUser, int expiresS) {
}
