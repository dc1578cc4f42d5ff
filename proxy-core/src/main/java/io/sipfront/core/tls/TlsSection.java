package io.sipfront.core.tls;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigMap;
import io.sipfront.config.ConfigNode;
import io.sipfront.config.ConfigPaths;
import io.sipfront.config.ConfigSection;
import io.sipfront.config.HostNames;
import io.sipfront.config.ListenAddress;
import io.sipfront.config.SectionContext;
import io.sipfront.net.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the optional {@code tls} section (docs/operations.md, "TLS"). Every file path is relative to the config
 * file's directory. The files themselves are read when the daemon starts, which names a bad one.
 */
public final class TlsSection {
    public static final String KEY = "tls";
    public static final ConfigSection<TlsSettings> SECTION =
            ConfigSection.of(KEY, context -> TlsSettings.NONE, TlsSection::read);
    static final List<String> KEYS = List.of("provider", "versions", "handshake_timeout_ms", "certificate",
            "private_key", "client_auth", "client_ca", "ca", "verification", "client_certificate",
            "advertised_address", "advertised_port", "reload_check_s", "keepalive_s");

    private TlsSection() {
    }

    static TlsSettings read(ConfigNode node, SectionContext context) throws ConfigException {
        ConfigMap tls = node.asMap(KEYS);
        Path configFile = context.source();
        TlsProvider provider = tls.has("provider")
                ? choice(tls.required("provider"), TlsProvider.class, "jdk, openssl") : TlsProvider.JDK;
        HandshakePolicy handshake = handshake(tls);
        CertificateFiles identity = null;
        if (tls.has("certificate") || tls.has("private_key")) {
            identity = new CertificateFiles(ConfigPaths.read(tls.required("certificate"), configFile),
                    ConfigPaths.read(tls.required("private_key"), configFile));
        }
        TlsServerSettings server = identity == null ? null : server(tls, identity, handshake, configFile);
        if (server == null && hasTlsListener(context)) {
            throw node.error("a tls: listener needs tls.certificate and tls.private_key");
        }
        Path ca = tls.has("ca") ? ConfigPaths.read(tls.required("ca"), configFile) : null;
        PeerVerification verification = tls.has("verification")
                ? choice(tls.required("verification"), PeerVerification.class, "strict, relaxed")
                : PeerVerification.STRICT;
        boolean mutual = tls.optionalBoolean("client_certificate", false);
        if (mutual && identity == null) {
            throw tls.required("client_certificate").error(
                    "client_certificate: true needs tls.certificate and tls.private_key to show");
        }
        TlsClientSettings client = new TlsClientSettings(ca, mutual ? identity : null, verification, handshake);
        String advertisedHost = tls.has("advertised_address")
                ? tls.required("advertised_address").parse(HostNames::check, "a host name") : null;
        int advertisedPort = tls.optionalInt("advertised_port", 0, 1, 65535);
        Duration reload = Duration.ofSeconds(tls.optionalInt("reload_check_s",
                (int) TlsSettings.DEFAULT_RELOAD_CHECK.toSeconds(), 1, 3600));
        Duration keepAlive = Duration.ofSeconds(tls.optionalInt("keepalive_s",
                (int) TlsSettings.DEFAULT_KEEP_ALIVE.toSeconds(), 0, 3600));
        return new TlsSettings(provider, server, client, advertisedHost, advertisedPort, reload, keepAlive);
    }

    private static TlsServerSettings server(ConfigMap tls, CertificateFiles identity, HandshakePolicy handshake,
                                            Path configFile) throws ConfigException {
        ClientAuthMode clientAuth = tls.has("client_auth")
                ? choice(tls.required("client_auth"), ClientAuthMode.class, "none, optional, require")
                : ClientAuthMode.NONE;
        Path clientCa = tls.has("client_ca") ? ConfigPaths.read(tls.required("client_ca"), configFile) : null;
        try {
            return new TlsServerSettings(identity, clientAuth, clientCa, handshake);
        } catch (IllegalArgumentException e) {
            throw tls.blame("client_auth", "client_ca").error(e.getMessage());
        }
    }

    private static HandshakePolicy handshake(ConfigMap tls) throws ConfigException {
        Set<TlsVersion> versions = EnumSet.allOf(TlsVersion.class);
        if (tls.has("versions")) {
            versions = EnumSet.noneOf(TlsVersion.class);
            for (ConfigNode v : tls.required("versions").asNonEmptyList("TLS version")) {
                try {
                    versions.add(TlsVersion.parse(v.asText("a TLS version (TLSv1.2, TLSv1.3)")));
                } catch (IllegalArgumentException e) {
                    throw v.error(e.getMessage());
                }
            }
        }
        int timeoutMs = tls.optionalInt("handshake_timeout_ms", (int) HandshakePolicy.DEFAULT_TIMEOUT.toMillis(), 100,
                (int) HandshakePolicy.MAX_TIMEOUT.toMillis());
        return new HandshakePolicy(versions, Duration.ofMillis(timeoutMs));
    }

    private static boolean hasTlsListener(SectionContext context) {
        return context.sip() != null
                && context.sip().listen().stream().map(ListenAddress::transport).anyMatch(t -> t == Transport.TLS);
    }

    private static <E extends Enum<E>> E choice(ConfigNode node, Class<E> type, String allowed)
            throws ConfigException {
        String text = node.asText("one of " + allowed);
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw node.error("unknown value '" + text + "'; allowed: " + allowed);
        }
    }
}
