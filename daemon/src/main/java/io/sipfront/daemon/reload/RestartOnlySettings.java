package io.sipfront.daemon.reload;

import io.sipfront.config.EdgeSection;
import io.sipfront.config.EdgeSettings;
import io.sipfront.config.AdminSection;
import io.sipfront.config.ConfigSection;
import io.sipfront.config.ConfigSections;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.daemon.SipfrontSections;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a reload cannot apply to a running daemon. A reload applies {@code sources}, {@code routing} and
 * {@code destination_sets}; everything else is read at start: sockets and worker threads are bound then, timers and
 * limits are wired into every lane and transaction, the admin API owns its socket and token, and every module's
 * section ({@code normalization}, {@code redis}, {@code ha}, {@code shared_state}, {@code hep}, …) builds its
 * service once. Changes to those are named so the operator knows to restart.
 */
final class RestartOnlySettings {
    /**
     * Keys of module sections whose module applies a reloaded value itself (edge; its two start-only settings are
     * checked below). A module that learns to apply
     * its section live adds its key here; every other registered section is compared and named when it changed.
     */
    static final Set<String> APPLIED_LIVE = Set.of(EdgeSection.KEY);

    private RestartOnlySettings() {
    }

    /** Names ({@code sip.listen}, {@code timers}, {@code ha}, ...) of what differs and needs a restart. */
    static List<String> changed(SipfrontConfig running, SipfrontConfig next) {
        return changed(running, next, SipfrontSections.ALL);
    }

    static List<String> changed(SipfrontConfig running, SipfrontConfig next, ConfigSections sections) {
        List<String> changed = new ArrayList<>();
        if (!running.sip().listen().equals(next.sip().listen())) {
            changed.add("sip.listen");
        }
        if (!Objects.equals(running.sip().advertisedHost(), next.sip().advertisedHost())
                || running.sip().advertisedPort() != next.sip().advertisedPort()) {
            changed.add("sip.advertised_address/advertised_port");
        }
        if (running.sip().workers() != next.sip().workers()) {
            changed.add("sip.workers");
        }
        if (running.sip().udpReceiveBufferBytes() != next.sip().udpReceiveBufferBytes()) {
            changed.add("sip.udp_receive_buffer_bytes");
        }
        addIf(changed, "timers", running.timers(), next.timers());
        addIf(changed, "limits", running.limits(), next.limits());
        addIf(changed, "proxy", running.proxy(), next.proxy());
        addIf(changed, AdminSection.KEY, running.admin(), next.admin());
        for (ConfigSection<?> section : sections.list()) {
            if (section != AdminSection.SECTION && !APPLIED_LIVE.contains(section.key())) {
                addIf(changed, section.key(), running.section(section), next.section(section));
            }
        }
        // Edge protection applies a reload itself, except the flood table (sized once) and keep-alives (set on the
        // transport at start).
        EdgeSettings edge = running.section(EdgeSection.SECTION);
        EdgeSettings nextEdge = next.section(EdgeSection.SECTION);
        if (edge.flood().tableSize() != nextEdge.flood().tableSize()) {
            changed.add("edge.flood.table_size");
        }
        if (edge.tcpKeepaliveSeconds() != nextEdge.tcpKeepaliveSeconds()) {
            changed.add("edge.tcp_keepalive_s");
        }
        return changed;
    }

    private static void addIf(List<String> changed, String name, Object running, Object next) {
        if (!Objects.equals(running, next)) {
            changed.add(name);
        }
    }
}
