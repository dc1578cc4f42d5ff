package io.sipfront.daemon.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a daemon's admin API from the end-to-end tests, and waits for an answer to say something. */
final class AdminPoll {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminPoll() {
    }

    static HttpResponse<String> get(String url, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code url} every 100 ms until its body contains {@code fragment}; fails after {@code wait}. */
    static void awaitBody(String url, String fragment, Duration wait, SipfrontProcess d)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) { // bounded: wait
            last = get(url, wait).body();
            if (last.contains(fragment)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("no " + fragment + " in " + url + " within " + wait.toSeconds() + " s; last: " + last + "\n"
                + d.tail(40));
    }
}
