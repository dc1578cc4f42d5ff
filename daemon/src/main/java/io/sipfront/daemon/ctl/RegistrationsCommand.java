package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** {@code sipfront ctl registrations [--json]}: each account's outbound registration, expiry and last error. */
final class RegistrationsCommand extends ViewCommand {
    static final String PATH = "/api/v1/registrations";

    @Override
    String path() {
        return PATH;
    }

    @Override
    void render(JsonNode view, PrintStream out) {
        JsonNode list = view.path("registrations");
        if (list.isEmpty()) {
            out.println("no account registers");
            return;
        }
        out.printf("%-16s %-11s %8s  %-40s %s%n", "CARRIER", "STATE", "EXPIRES", "AOR", "LAST ERROR");
        for (JsonNode r : list) {
            String state = !r.path("active").asBoolean() ? "standby"
                    : r.path("registered").asBoolean() ? "registered" : "failing";
            out.printf("%-16s %-11s %7ds  %-40s %s%n", r.path("carrier").asText(), state,
                    r.path("expiresInS").asLong(), r.path("aor").asText(),
                    r.path("lastError").isNull() ? "-" : r.path("lastError").asText());
        }
    }
}
