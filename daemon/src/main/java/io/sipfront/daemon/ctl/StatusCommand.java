package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;

/** {@code sipfront ctl status [--json]}: the destinations, their state and last probe, as a table. */
final class StatusCommand extends ApiCommand {
    static final String PATH = "/api/v1/destinations";
    @Override
    AdminClient.Reply call(AdminClient client, ApiOptions options) throws AdminClient.Unreachable {
        return client.get(PATH);
    }

    @Override
    int show(AdminClient.Reply reply, ApiOptions options, PrintStream out, PrintStream err) {
        if (options.json()) {
            return super.show(reply, options, out, err);
        }
        try {
            out.print(DestinationTable.render(JSON.readTree(reply.body())));
            return 0;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            out.println(reply.body().strip());
            err.println("sipfront ctl status: the answer is not a destination list: " + e.getMessage());
            return 1;
        }
    }
}
