package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;

/**
 * A {@code ctl} command that reads one view of the admin API and prints it as a table, or as received with
 * {@code --json}. An answer that is not the JSON expected is printed as it came, with exit code 1.
 */
abstract class ViewCommand extends ApiCommand {
    /** The API path read, e.g. {@code /api/v1/registrations}. */
    abstract String path();

    /** Prints {@code view} for a person. */
    abstract void render(JsonNode view, PrintStream out);

    @Override
    final AdminClient.Reply call(AdminClient client, ApiOptions options) throws AdminClient.Unreachable {
        return client.get(path());
    }

    @Override
    final int show(AdminClient.Reply reply, ApiOptions options, PrintStream out, PrintStream err) {
        if (options.json()) {
            return super.show(reply, options, out, err);
        }
        JsonNode view;
        try {
            view = JSON.readTree(reply.body());
        } catch (IOException e) {
            out.println(reply.body().strip());
            return 1;
        }
        render(view, out);
        return 0;
    }
}
