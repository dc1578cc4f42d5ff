package io.sipfront.daemon.ctl;

import io.sipfront.ha.HaAdminExtension;
import io.sipfront.ha.HaCtl;
import java.io.IOException;
import java.io.PrintStream;

/** {@code sipfront ctl ha [--json]}: this node's HA role, peer, last advert, VIP and transitions. */
final class HaCommand extends ApiCommand {
    @Override
    AdminClient.Reply call(AdminClient client, ApiOptions options) throws AdminClient.Unreachable {
        return client.get(HaAdminExtension.PATH);
    }

    @Override
    int show(AdminClient.Reply reply, ApiOptions options, PrintStream out, PrintStream err) {
        if (options.json()) {
            out.println(reply.body().strip());
            return 0;
        }
        try {
            HaCtl.print(JSON.readTree(reply.body()), out);
        } catch (IOException e) {
            out.println(reply.body().strip());
        }
        return 0;
    }
}
