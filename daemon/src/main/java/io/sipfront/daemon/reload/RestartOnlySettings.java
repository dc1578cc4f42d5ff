package io.sipfront.daemon.reload;

import io.sipfront.config.EdgeSection;
import io.sipfront.config.EdgeSettings;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.ha.config.SharedStateSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sections a reload cannot apply to a running daemon: sockets and worker threads are bound at start, timers
 * and limits are wired into every lane and transaction, the admin API owns its socket and token.
 */
final class RestartOnlySettings {
    private RestartOnlySettings() {
    }

    /** Names ({@code sip.listen}, {@code timers}, ...) of what differs between the two configs and needs a restart. */
    static List<String> changed(SipfrontConfig running, SipfrontConfig next) {
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
        addIf(changed, "admin", running.admin(), next.admin());
        addIf(changed, SharedStateSection.KEY, running.section(SharedStateSection.SECTION),
                next.section(SharedStateSection.SECTION));
        // The flood table is sized once; keep-alives are set on the transport at start.
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
        if (!running.equals(next)) {
            changed.add(name);
        }
    }
}
