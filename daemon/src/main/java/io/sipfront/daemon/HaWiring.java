package io.sipfront.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.transport.NettyTransport;
import io.sipfront.ha.HaAdminExtension;
import io.sipfront.ha.HaMeters;
import io.sipfront.ha.HaNode;
import io.sipfront.ha.MasterLease;
import io.sipfront.ha.PidFile;
import io.sipfront.ha.config.HaSection;
import io.sipfront.ha.config.HaSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/** The HA node and its per-node files when the config has an {@code ha} section; nothing otherwise. */
final class HaWiring implements AutoCloseable {
    private final HaNode node;
    private final PidFile pidFile;

    private HaWiring(HaNode node, PidFile pidFile) {
        this.node = node;
        this.pidFile = pidFile;
    }

    static HaWiring start(SipfrontConfig config, NettyTransport transport, MeterRegistry registry) {
        Optional<HaSettings> ha = config.section(HaSection.SECTION);
        if (ha.isEmpty()) {
            HaMeters.registerWithoutHa(registry);
            return new HaWiring(null, null);
        }
        HaSettings settings = ha.get();
        try {
            if (settings.dataDir().isPresent()) {
                Files.createDirectories(settings.dataDir().get());
            }
            PidFile pid = settings.pidFile().isPresent() ? PidFile.write(settings.pidFile().get()) : null;
            HaNode node = HaNode.start(settings, registry, MasterLease.NONE, transport::isListening);
            return new HaWiring(node, pid);
        } catch (IOException e) {
            throw new UncheckedIOException("HA: " + e.getMessage(), e);
        }
    }

    /** Whether an {@code ha} section is configured (a peer takes over when this node stops). */
    boolean configured() {
        return node != null;
    }

    /** Whether this node holds the VIP. */
    boolean isMaster() {
        return node != null && node.state() == io.sipfront.ha.HaState.MASTER;
    }

    List<AdminExtension> adminExtensions() {
        return node == null ? List.of() : List.of(new HaAdminExtension(node));
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
        }
        if (pidFile != null) {
            pidFile.close();
        }
    }
}
