package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code sipfront ctl reload-status [--json]}: {@code GET /api/v1/reload}, the last reload whatever triggered it
 * (a saved file, SIGHUP, the API). Exit 1 when it was refused: the daemon runs an older config than the file.
 */
final class ReloadStatusCommand extends ApiCommand {
    @Override
    AdminClient.Reply call(AdminClient client, ApiOptions options) throws AdminClient.Unreachable {
        return client.get("/api/v1/reload");
    }

    @Override
    int show(AdminClient.Reply reply, ApiOptions options, PrintStream out, PrintStream err) {
        JsonNode last;
        try {
            last = JSON.readTree(reply.body()).path("last");
        } catch (IOException e) {
            out.println(reply.body().strip());
            return 1;
        }
        boolean refused = last.isObject() && !last.path("ok").asBoolean();
        if (options.json()) {
            out.println(reply.body().strip());
        } else if (!last.isObject()) {
            out.println("no reload since the daemon started");
        } else {
            out.println("last reload: " + last.path("time").asText() + " (" + last.path("trigger").asText() + ") "
                    + (refused ? "refused: " + last.path("error").asText() : "ok"));
        }
        return refused ? 1 : 0;
    }
}
