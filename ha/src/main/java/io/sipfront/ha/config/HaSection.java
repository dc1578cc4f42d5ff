package io.sipfront.ha.config;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigMap;
import io.sipfront.config.ConfigNode;
import io.sipfront.config.ConfigPaths;
import io.sipfront.config.ConfigSection;
import io.sipfront.config.HostPort;
import io.sipfront.config.InvalidValueException;
import io.sipfront.config.IpLiterals;
import io.sipfront.config.Names;
import io.sipfront.config.Ports;
import io.sipfront.config.SectionContext;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The optional {@code ha} section; absent means a single node with no heartbeat. */
public final class HaSection {
    public static final String KEY = "ha";
    public static final ConfigSection<Optional<HaSettings>> SECTION =
            ConfigSection.of(KEY, context -> Optional.empty(), HaSection::read);
    static final List<String> KEYS = List.of("node_id", "priority", "bind", "peer", "key", "key_file",
            "advert_interval_ms", "dead_interval_ms", "preempt", "preempt_delay_ms", "vip", "notify", "track",
            "freebind", "pid_file", "data_dir");
    static final List<String> VIP_KEYS = List.of("address", "prefix", "interface", "garp_count");
    static final List<String> TRACK_KEYS = List.of("sip_listener");
    /** HMAC keys shorter than this are guessable offline from one captured advert. */
    static final int MIN_KEY_BYTES = 16;
    static final long MIN_ADVERT_MS = 10;
    static final long MAX_ADVERT_MS = 10_000;
    static final long MAX_PREEMPT_DELAY_MS = 3_600_000;
    /** Linux interface names: up to 15 bytes, no slash or whitespace. */
    private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");

    private HaSection() {
    }

    static Optional<HaSettings> read(ConfigNode section, SectionContext context) throws ConfigException {
        ConfigMap ha = section.asMap(KEYS);
        String nodeId = ha.required("node_id").parse(Names::check, "a node id");
        int priority = ha.required("priority").asInt(1, 254);
        InetSocketAddress bind = ha.required("bind").parse(HaSection::ipPort, "IP:PORT");
        InetSocketAddress peer = ha.required("peer").parse(HaSection::ipPort, "IP:PORT");
        if (bind.getAddress() instanceof Inet4Address != peer.getAddress() instanceof Inet4Address) {
            throw ha.required("peer").error("peer and bind must both be IPv4 or both IPv6");
        }
        if (bind.equals(peer)) {
            throw ha.required("peer").error("peer is this node's own bind address");
        }
        byte[] key = key(ha, context.source());
        long advert = ha.optionalLong("advert_interval_ms", HaSettings.DEFAULT_ADVERT_INTERVAL_MS, MIN_ADVERT_MS,
                MAX_ADVERT_MS);
        long deadDefault = HaSettings.defaultDeadIntervalMs(advert, priority);
        long dead = ha.optionalLong("dead_interval_ms", deadDefault, 1, 60 * MAX_ADVERT_MS);
        if (dead <= advert) {
            throw ha.blame("dead_interval_ms").error("dead_interval_ms (" + dead
                    + ") must be > advert_interval_ms (" + advert + "): one late advert would fail the peer over");
        }
        boolean preempt = ha.optionalBoolean("preempt", true);
        long preemptDelay = ha.optionalLong("preempt_delay_ms", 0, 0, MAX_PREEMPT_DELAY_MS);
        if (!preempt && ha.has("preempt_delay_ms")) {
            throw ha.required("preempt_delay_ms").error("preempt_delay_ms has no effect with preempt: false");
        }
        HaSettings.Vip vip = vip(ha.required("vip"));
        if (vip.address() instanceof Inet4Address != bind.getAddress() instanceof Inet4Address) {
            throw ha.required("vip").error("the VIP and the advert addresses must be of the same IP version");
        }
        List<String> notify = notify(ha.optional("notify"));
        boolean trackSip = ha.optional("track").isPresent()
                ? ha.required("track").asMap(TRACK_KEYS).optionalBoolean("sip_listener", true) : true;
        boolean freebind = ha.optionalBoolean("freebind", true);
        Optional<Path> pidFile = path(ha.optional("pid_file"), context.source());
        Optional<Path> dataDir = path(ha.optional("data_dir"), context.source());
        return Optional.of(new HaSettings(nodeId, priority, bind, peer, key, advert, dead, preempt, preemptDelay,
                vip, notify, trackSip, freebind, pidFile, dataDir));
    }

    private static byte[] key(ConfigMap ha, Path configFile) throws ConfigException {
        if (ha.has("key") == ha.has("key_file")) {
            throw ha.blame("key", "key_file").error("exactly one of key and key_file is required");
        }
        if (ha.has("key")) {
            ConfigNode node = ha.required("key");
            return checkedKey(node, node.asText("a shared key").getBytes(StandardCharsets.UTF_8));
        }
        ConfigNode node = ha.required("key_file");
        Path file = ConfigPaths.read(node, configFile);
        try {
            return checkedKey(node, Files.readString(file, StandardCharsets.UTF_8).strip()
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw node.error("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static byte[] checkedKey(ConfigNode node, byte[] key) throws ConfigException {
        if (key.length < MIN_KEY_BYTES) {
            throw node.error("the shared key has " + key.length + " bytes; at least " + MIN_KEY_BYTES
                    + " are required");
        }
        return key;
    }

    private static HaSettings.Vip vip(ConfigNode node) throws ConfigException {
        ConfigMap vip = node.asMap(VIP_KEYS);
        InetAddress address = vip.required("address").parse(IpLiterals::parse, "an IP address");
        int maxPrefix = address instanceof Inet4Address ? 32 : 128;
        int prefix = vip.required("prefix").asInt(1, maxPrefix);
        String iface = vip.required("interface").parse(HaSection::iface, "an interface name");
        int garps = vip.optionalInt("garp_count", HaSettings.DEFAULT_GARP_COUNT, 1, 100);
        return new HaSettings.Vip(address, prefix, iface, garps);
    }

    private static List<String> notify(Optional<ConfigNode> node) throws ConfigException {
        if (node.isEmpty()) {
            return List.of();
        }
        List<String> argv = new ArrayList<>();
        for (ConfigNode item : node.get().asNonEmptyList("command word")) {
            argv.add(item.asText("a command word"));
        }
        return argv;
    }

    private static Optional<Path> path(Optional<ConfigNode> node, Path configFile) throws ConfigException {
        return node.isEmpty() ? Optional.empty() : Optional.of(ConfigPaths.read(node.get(), configFile));
    }

    static String iface(String text) throws InvalidValueException {
        if (!IFACE.matcher(text).matches()) {
            throw new InvalidValueException("'" + text + "' is not an interface name");
        }
        return text;
    }

    static InetSocketAddress ipPort(String text) throws InvalidValueException {
        HostPort hp = HostPort.split(text);
        if (hp.port() == null) {
            throw new InvalidValueException("'" + text + "' needs a port: IP:PORT or [IPV6]:PORT");
        }
        return new InetSocketAddress(IpLiterals.parse(hp.host()), Ports.parse(hp.port()));
    }
}
