package io.sipfront.daemon.ctl;

import io.sipfront.core.edge.EdgeAdmin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code sipfront ctl unban ADDR}: lifts a ban now. An address that is not banned is the API's 404, exit 1. */
final class UnbanCommand extends ApiCommand {
    @Override
    void checkWords(List<String> words) throws UsageException {
        expectWords(words, 1, "ADDR");
    }

    @Override
    AdminClient.Reply call(AdminClient client, ApiOptions options) throws AdminClient.Unreachable {
        return client.post(EdgeAdmin.PATH + "/" + URLEncoder.encode(options.words().get(0), StandardCharsets.UTF_8)
                + "/unban");
    }
}
