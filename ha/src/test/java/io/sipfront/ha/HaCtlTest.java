package io.sipfront.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sipfront.core.admin.AdminReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sipfront ctl ha} against a small HTTP server answering what {@link HaAdminExtension} answers. */
class HaCtlTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int ctl(String... args) {
        return HaCtl.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheNodesRolePeerAndTransitions() throws Exception {
        HaStatus status = new HaStatus("node2", "master", 100, "10.77.0.100", true,
                new HaStatus.Peer("10.77.0.11:5099", "node1", "backup", 0), 42, 1, 3,
                List.of(new HaStatus.Transition("2026-01-01T00:00:00Z", "backup", "master",
                        "peer node1 gave the VIP away")));
        // The body HaAdminExtension's route answers with: the status as JSON.
        AdminReply reply = AdminReply.ok(status);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(HaAdminExtension.PATH, exchange -> {
            byte[] body = reply.body();
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int code = ctl("--api", "http://127.0.0.1:" + server.getAddress().getPort());
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            assertTrue(text.contains("role        master"), text);
            assertTrue(text.contains("vip         10.77.0.100 (held)"), text);
            assertTrue(text.contains("peer        10.77.0.11:5099 node1 backup priority 0"), text);
            assertTrue(text.contains("last advert 42 ms ago"), text);
            assertTrue(text.contains("backup -> master  peer node1 gave the VIP away"), text);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableApiExitsOneAndSaysWhere() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        assertEquals(1, ctl("--api", "http://127.0.0.1:" + port));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot reach http://127.0.0.1:" + port + "/api/v1/ha"));
    }

    @Test
    void unknownArgumentsAreAUsageError() {
        assertEquals(2, ctl("--bogus"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: sipfront ctl ha"));
    }
}
