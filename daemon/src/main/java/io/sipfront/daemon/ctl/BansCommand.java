package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipfront.core.edge.EdgeAdmin;
import java.io.PrintStream;

/** {@code sipfront ctl bans [--json]}: the sources banned now, and how full the flood table is. */
final class BansCommand extends ViewCommand {
    @Override
    String path() {
        return EdgeAdmin.PATH;
    }

    @Override
    void render(JsonNode view, PrintStream out) {
        JsonNode bans = view.path("bans");
        if (bans.isEmpty()) {
            out.println("no bans");
        } else {
            out.printf("%-40s %10s  %s%n", "ADDRESS", "REMAINING", "REASON");
            for (JsonNode b : bans) {
                out.printf("%-40s %9ds  %s%n", b.path("address").asText(), b.path("remaining_s").asLong(),
                        b.path("reason").asText());
            }
        }
        out.printf("sources tracked: %d of %d%n", view.path("tracked_sources").asLong(),
                view.path("table_capacity").asLong());
    }
}
