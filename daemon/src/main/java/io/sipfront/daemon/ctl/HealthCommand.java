package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;

/** {@code sipfront ctl health [--json]}: {@code GET /health}; exit 0 when UP or DEGRADED, 1 when DOWN or not ready. */
final class HealthCommand extends ApiCommand {
    @Override
    AdminClient.Reply call(AdminClient client, ApiOptions options) throws AdminClient.Unreachable {
        return client.get("/health");
    }

    /** 503 is an answer here (the node is DOWN), not a refusal: shown like a 200, then exit 1. */
    @Override
    boolean isAnswer(int status) {
        return status == 200 || status == 503;
    }

    @Override
    int show(AdminClient.Reply reply, ApiOptions options, PrintStream out, PrintStream err) {
        int exit = reply.status() == 200 ? 0 : 1;
        if (options.json()) {
            out.println(reply.body().strip());
            return exit;
        }
        try {
            JsonNode h = JSON.readTree(reply.body());
            out.println("status: " + h.path("status").asText() + (h.path("ready").asBoolean() ? "" : " (not ready)"));
            for (JsonNode c : h.path("checks")) {
                String detail = c.path("detail").asText();
                out.println("  " + c.path("name").asText() + ": " + c.path("status").asText()
                        + (detail.isEmpty() ? "" : " (" + detail + ")"));
            }
        } catch (IOException e) {
            out.println(reply.body().strip());
        }
        return exit;
    }
}
