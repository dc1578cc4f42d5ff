package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;

/** {@code sipfront ctl registrations [--json]}: each account's outbound registration, expiry and last error. */
final class RegistrationsCommand extends ApiCommand {
    static final String PATH = "/api/v1/registrations";

    @Override
    AdminClient.Reply call(AdminClient client, ApiOptions options) throws AdminClient.Unreachable {
        return client.get(PATH);
    }

    @Override
    int show(AdminClient.Reply reply, ApiOptions options, PrintStream out, PrintStream err) {
        if (options.json()) {
            out.println(reply.body().strip());
            return 0;
        }
        try {
            JsonNode list = JSON.readTree(reply.body()).path("registrations");
            if (list.isEmpty()) {
                out.println("no account registers");
                return 0;
            }
            out.printf("%-16s %-11s %8s  %-40s %s%n", "CARRIER", "STATE", "EXPIRES", "AOR", "LAST ERROR");
            for (JsonNode r : list) {
                String state = !r.path("active").asBoolean() ? "standby"
                        : r.path("registered").asBoolean() ? "registered" : "failing";
                out.printf("%-16s %-11s %7ds  %-40s %s%n", r.path("carrier").asText(), state,
                        r.path("expiresInS").asLong(), r.path("aor").asText(),
                        r.path("lastError").isNull() ? "-" : r.path("lastError").asText());
            }
        } catch (IOException e) {
            out.println(reply.body().strip());
        }
        return 0;
    }
}
