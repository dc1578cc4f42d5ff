package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sipfront.core.edge.EdgeAdmin;
import java.io.PrintStream;

/** {@code sipfront ctl bans [--json]}: the sources banned now, and how full the flood table is. */
final class BansCommand extends ApiCommand {
    @Override
    AdminClient.Reply call(AdminClient client, ApiOptions options) throws AdminClient.Unreachable {
        return client.get(EdgeAdmin.PATH);
    }

    @Override
    int show(AdminClient.Reply reply, ApiOptions options, PrintStream out, PrintStream err) {
        if (options.json()) {
            return super.show(reply, options, out, err);
        }
        try {
            JsonNode root = JSON.readTree(reply.body());
            JsonNode bans = root.path("bans");
            if (bans.isEmpty()) {
                out.println("no bans");
            } else {
                out.printf("%-40s %10s  %s%n", "ADDRESS", "REMAINING", "REASON");
                for (JsonNode b : bans) {
                    out.printf("%-40s %9ds  %s%n", b.path("address").asText(), b.path("remaining_s").asLong(),
                            b.path("reason").asText());
                }
            }
            out.printf("sources tracked: %d of %d%n", root.path("tracked_sources").asLong(),
                    root.path("table_capacity").asLong());
            return 0;
        } catch (JsonProcessingException e) {
            out.println(reply.body().strip());
            return 1;
        }
    }
}
