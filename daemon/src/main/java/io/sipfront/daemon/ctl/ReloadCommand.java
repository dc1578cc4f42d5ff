package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code sipfront ctl reload}: {@code POST /api/v1/reload}. A refused file prints the API's JSON error, whose
 * {@code error} is {@code file:line:col: reason}, and exits 1; the running config stays.
 */
final class ReloadCommand extends ApiCommand {
    @Override
    AdminClient.Reply call(AdminClient client, ApiOptions options) throws AdminClient.Unreachable {
        return client.post("/api/v1/reload");
    }

    @Override
    int show(AdminClient.Reply reply, ApiOptions options, PrintStream out, PrintStream err) {
        if (options.json()) {
            return super.show(reply, options, out, err);
        }
        try {
            JsonNode last = JSON.readTree(reply.body()).path("last");
            out.println("reloaded " + last.path("file").asText() + " at " + last.path("time").asText());
            JsonNode restart = last.path("restart_needed");
            if (restart.isArray() && !restart.isEmpty()) {
                StringBuilder names = new StringBuilder();
                restart.forEach(n -> names.append(names.isEmpty() ? "" : ", ").append(n.asText()));
                out.println("warning: these changes take effect only after a restart: " + names);
            }
        } catch (IOException e) {
            out.println(reply.body().strip());
        }
        return 0;
    }
}
