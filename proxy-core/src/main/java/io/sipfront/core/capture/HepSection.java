package io.sipfront.core.capture;

import io.sipfront.config.AdminSettings;
import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigMap;
import io.sipfront.config.ConfigNode;
import io.sipfront.config.ConfigSection;
import io.sipfront.config.HostPort;
import io.sipfront.config.InvalidValueException;
import io.sipfront.config.IpLiterals;
import io.sipfront.config.Ports;
import io.sipfront.config.SectionContext;
import io.sipfront.net.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The optional {@code hep} section (docs/operations.md, "HEP capture"): left out, nothing is captured and the
 * transport is not touched.
 */
public final class HepSection {
    public static final String KEY = "hep";
    public static final ConfigSection<HepSettings> SECTION =
            ConfigSection.of(KEY, context -> HepSettings.DISABLED, HepSection::read);
    static final List<String> KEYS = List.of("enabled", "collector", "transport", "capture_id", "auth_key",
            "auth_key_file", "queue_size");

    private HepSection() {
    }

    static HepSettings read(ConfigNode section, SectionContext context) throws ConfigException {
        ConfigMap h = section.asMap(KEYS);
        boolean enabled = h.optionalBoolean("enabled", true);
        InetSocketAddress collector = h.required("collector").parse(HepSection::collector,
                "an IP address and port (127.0.0.1:9060, [::1]:9060)");
        Transport transport = Transport.UDP;
        if (h.has("transport")) {
            ConfigNode node = h.required("transport");
            String t = node.asText("udp or tcp");
            transport = switch (t) {
                case "udp" -> Transport.UDP;
                case "tcp" -> Transport.TCP;
                default -> throw node.error("transport must be udp or tcp, not '" + t + "'");
            };
        }
        long captureId = h.optionalLong("capture_id", HepSettings.DEFAULT_CAPTURE_ID, 0, 0xffffffffL);
        if (h.has("auth_key") && h.has("auth_key_file")) {
            throw h.blame("auth_key_file").error("set either auth_key or auth_key_file, not both");
        }
        String authKey = h.has("auth_key") ? h.required("auth_key").asText("the collector's password") : null;
        if (h.has("auth_key_file")) {
            ConfigNode node = h.required("auth_key_file");
            Path file = AdminSettings.relativeToConfig(context.source(), Path.of(node.asText("a file path")));
            try {
                authKey = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException e) {
                throw node.error("cannot read the HEP auth key file '" + file + "': " + e.getClass().getSimpleName());
            }
        }
        if (authKey != null && authKey.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw h.blame("auth_key", "auth_key_file").error("the HEP auth key is longer than 1024 bytes");
        }
        int queueSize = h.optionalInt("queue_size", HepSettings.DEFAULT_QUEUE_SIZE, 16, 1_000_000);
        return new HepSettings(enabled, collector, transport, captureId, authKey, queueSize);
    }

    private static InetSocketAddress collector(String text) throws InvalidValueException {
        HostPort hp = HostPort.split(text);
        if (hp.port() == null || hp.isUnbracketedIpv6()) {
            throw new InvalidValueException("'" + text + "' needs a port");
        }
        return new InetSocketAddress(IpLiterals.parse(hp.host()), Ports.parse(hp.port()));
    }
}
