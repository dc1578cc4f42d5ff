package io.sipfront.daemon.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipfront.ha.HaAdminExtension;
import io.sipfront.ha.HaCtl;
import java.io.PrintStream;

/** {@code sipfront ctl ha [--json]}: this node's HA role, peer, last advert, VIP and transitions. */
final class HaCommand extends ViewCommand {
    @Override
    String path() {
        return HaAdminExtension.PATH;
    }

    @Override
    void render(JsonNode view, PrintStream out) {
        HaCtl.print(view, out);
    }
}
