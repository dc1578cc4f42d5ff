package io.sipfront.core.edge;

import io.sipfront.core.admin.AdminException;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRequest;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.net.IpLiteral;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edge part of the admin API: {@code GET /api/v1/bans} (bans in force, the source table's fill, the inbound
 * limits with their calls in progress) and {@code POST /api/v1/bans/{address}/unban}. Answered from memory.
 */
public final class EdgeAdmin implements AdminExtension {
    public static final String PATH = "/api/v1/bans";

    private final EdgeProtection edge;

    public EdgeAdmin(EdgeProtection edge) {
        this.edge = edge;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(AdminRoute.get(PATH, r -> AdminReply.ok(view())),
                AdminRoute.post(PATH + "/{address}/unban", this::unban));
    }

    Map<String, Object> view() {
        List<Map<String, Object>> bans = new ArrayList<>();
        for (EdgeGuard.Ban b : edge.guard().bans()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", b.address());
            m.put("reason", b.reason());
            m.put("since", Instant.ofEpochMilli(b.sinceMillis()).toString());
            m.put("until", Instant.ofEpochMilli(b.untilMillis()).toString());
            m.put("remaining_s", b.remainingSeconds());
            bans.add(m);
        }
        SourceTable table = edge.guard().table();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", edge.settings().enabled());
        out.put("bans", bans);
        out.put("tracked_sources", table.size());
        out.put("table_capacity", table.capacity());
        out.put("evictions", table.evictions());
        out.put("limits", edge.limits().view());
        return out;
    }

    private AdminReply unban(AdminRequest request) throws AdminException {
        String text = request.pathParam("address");
        InetAddress address = IpLiteral.parseHost(text);
        if (address == null) {
            throw new AdminException(400, "'" + text + "' is not an IP address");
        }
        if (!edge.guard().unban(address)) {
            throw new AdminException(404, address.getHostAddress() + " is not banned");
        }
        return AdminReply.ok(Map.of("unbanned", address.getHostAddress()));
    }
}
