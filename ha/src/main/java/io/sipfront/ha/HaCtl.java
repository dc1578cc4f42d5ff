package io.sipfront.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code sipfront ctl ha [--api URL] [--json]}: prints this node's HA status from {@code GET /api/v1/ha}.
 * Exit codes: 0 shown, 1 the API could not be reached or answered an error, 2 usage.
 */
public final class HaCtl {
    public static final String DEFAULT_API = "http://127.0.0.1:9060";
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private HaCtl() {
    }

    /** @param args the arguments after {@code ctl ha} */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String api = DEFAULT_API;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            if ("--api".equals(args[i]) && i + 1 < args.length) {
                api = args[++i];
            } else if ("--json".equals(args[i])) {
                json = true;
            } else {
                err.println("usage: sipfront ctl ha [--api URL] [--json]");
                return 2;
            }
        }
        URI uri;
        try {
            uri = URI.create(api.replaceAll("/+$", "") + HaAdminExtension.PATH);
        } catch (IllegalArgumentException e) {
            err.println("sipfront ctl ha: bad --api URL: " + e.getMessage());
            return 2;
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                err.println("sipfront ctl ha: " + uri + " answered " + response.statusCode() + ": " + response.body());
                return 1;
            }
            if (json) {
                out.println(response.body());
            } else {
                print(new ObjectMapper().readTree(response.body()), out);
            }
            return 0;
        } catch (IOException e) {
            err.println("sipfront ctl ha: cannot reach " + uri + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    public static void print(JsonNode s, PrintStream out) {
        JsonNode peer = s.path("peer");
        out.printf("node        %s (priority %d)%n", s.path("nodeId").asText(), s.path("priority").asInt());
        out.printf("role        %s%n", s.path("role").asText());
        out.printf("vip         %s (%s)%n", s.path("vip").asText(), s.path("vipHeld").asBoolean() ? "held" : "not held");
        out.printf("peer        %s %s%s%n", peer.path("address").asText(),
                peer.path("nodeId").isNull() ? "(never heard)" : peer.path("nodeId").asText(),
                peer.path("role").isNull() ? "" : " " + peer.path("role").asText() + " priority "
                        + peer.path("priority").asInt());
        long ago = s.path("lastAdvertMsAgo").asLong();
        out.printf("last advert %s%n", ago < 0 ? "never" : ago + " ms ago");
        out.printf("adverts     %d rejected, %d missed%n", s.path("advertsRejected").asLong(),
                s.path("advertsMissed").asLong());
        out.println("transitions");
        for (JsonNode t : s.path("transitions")) {
            out.printf("  %s  %s -> %s  %s%n", t.path("at").asText(), t.path("from").asText(), t.path("to").asText(),
                    t.path("reason").asText());
        }
    }
}
