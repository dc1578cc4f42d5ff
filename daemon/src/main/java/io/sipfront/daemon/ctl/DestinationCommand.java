package io.sipfront.daemon.ctl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code sipfront ctl drain|enable|disable SET ID}: {@code POST /api/v1/destinations/SET/ID/ACTION}. An unknown set
 * or id is the API's 404, printed, exit 1.
 */
final class DestinationCommand extends ApiCommand {
    static final List<String> ACTIONS = List.of("drain", "enable", "disable");

    private final String action;

    DestinationCommand(String action) {
        this.action = action;
    }

    @Override
    void checkWords(List<String> words) throws UsageException {
        expectWords(words, 2, "SET ID");
    }

    @Override
    AdminClient.Reply call(AdminClient client, ApiOptions options) throws AdminClient.Unreachable {
        return client.post("/api/v1/destinations/" + segment(options.words().get(0)) + "/"
                + segment(options.words().get(1)) + "/" + action);
    }

    /** Set and destination names are plain, but a stray space or slash must not change the path. */
    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
