package io.sipfront.daemon.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server on a real localhost socket: HTTP framing, keep-alive and pipelining, limits, handler threads. */
class AdminServerTest {
    private final AtomicReference<String> handlerThread = new AtomicReference<>();
    private final AdminExtension echo = () -> List.of(
            AdminRoute.get("/echo/{word}", r -> {
                handlerThread.set(Thread.currentThread().getName());
                return AdminReply.ok(Map.of("word", r.pathParam("word")));
            }),
            AdminRoute.post("/api/v1/things", r -> AdminReply.ok(Map.of("bytes", r.body().length))));
    private final AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0),
            AdminDispatcher.of(List.of(echo), ApiToken.of(AdminDispatcherTest.TOKEN)));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.localAddress().getPort() + path);
    }

    @Test
    void answersJsonAndRunsHandlersOffTheSocketThread() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/echo/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("{\"word\":\"hello\"}", r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        assertTrue(handlerThread.get().startsWith("sipfront-admin-"), handlerThread.get());
        assertFalse(handlerThread.get().startsWith("sipfront-admin-io"), handlerThread.get());
    }

    @Test
    void errorsAreJsonOverTheWire() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/things"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertTrue(r.body().startsWith("{\"error\":"), r.body());
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri("/api/v1/things"))
                .header("Authorization", "Bearer " + AdminDispatcherTest.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"bytes\":7}", ok.body());
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
            s.setSoTimeout(10_000);
            // Sent in one write, so one read decodes them all at once: the answers must still keep the order.
            String req = "GET /echo/w%d HTTP/1.1\r\nHost: x\r\n\r\n";
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                burst.append(req.formatted(i));
            }
            s.getOutputStream().write(burst.toString().getBytes(StandardCharsets.US_ASCII));
            String all = readUntil(s.getInputStream(), "\"w9\"");
            int last = -1;
            for (int i = 0; i < 10; i++) {
                int at = all.indexOf("\"w" + i + "\"");
                assertTrue(at > last, all);
                last = at;
            }
        }
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /api/v1/things HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + (AdminServer.MAX_BODY_BYTES + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = readUntil(s.getInputStream(), "}");
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.endsWith("{\"error\":\"the request body is over 1048576 bytes\",\"status\":413}"), answer);
        }
    }

    @Test
    void garbageIsAnsweredWith400() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = readUntil(s.getInputStream(), "}");
            assertTrue(head.startsWith("HTTP/1.1 400"), head);
            assertTrue(head.contains("\"status\":400"), head);
        }
    }

    @Test
    void aSecondServerOnTheSamePortFailsNamingTheAddress() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> AdminServer.start(server.localAddress(), AdminDispatcher.of(List.of(), ApiToken.of("x"))));
        assertTrue(e.getMessage().contains("127.0.0.1:" + server.localAddress().getPort()), e.getMessage());
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!buf.toString(StandardCharsets.UTF_8).contains(marker)) {
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            buf.write(chunk, 0, n);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
