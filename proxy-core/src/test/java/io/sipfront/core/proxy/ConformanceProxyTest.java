package io.sipfront.core.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.net.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RFC 4475 and RFC 5118 message, byte-exact, through the real parser and the proxy (in-process: nothing
 * leaves the JVM), sent as if by the platform. Checks the proxy-role action the INDEX files ask for: forward
 * (the malformed part never), reject with the right code, or drop; and that nothing ever crashes or would be sent
 * anywhere but back to the loopback sender or to a configured carrier.
 */
public class ConformanceProxyTest {
    /** Forwarded to the first carrier, body byte-identical. */
    public static final String FORWARD = "forward";
    /** Dropped silently (responses that are not ours, malformed responses). */
    public static final String DROP = "drop";

    public static final Map<String, String> EXPECTED = Map.ofEntries(
            // RFC 4475 §3.1.1: valid, must be accepted and routed
            Map.entry("rfc4475/wsinv.dat", "404"), // has a To tag: in-dialog, not routed through us (no open relay)
            Map.entry("rfc4475/intmeth.dat", FORWARD),
            Map.entry("rfc4475/esc01.dat", FORWARD),
            Map.entry("rfc4475/escnull.dat", FORWARD),
            Map.entry("rfc4475/esc02.dat", FORWARD),
            Map.entry("rfc4475/lwsdisp.dat", FORWARD),
            Map.entry("rfc4475/longreq.dat", FORWARD),
            Map.entry("rfc4475/dblreq.dat", FORWARD),
            Map.entry("rfc4475/semiuri.dat", FORWARD),
            Map.entry("rfc4475/transports.dat", FORWARD),
            Map.entry("rfc4475/mpart01.dat", FORWARD),
            Map.entry("rfc4475/unreason.dat", DROP),   // a response to a Via that is not ours
            Map.entry("rfc4475/noreason.dat", DROP),
            // §3.1.2: invalid
            Map.entry("rfc4475/badinv01.dat", "400"),
            Map.entry("rfc4475/clerr.dat", "400"),
            Map.entry("rfc4475/ncl.dat", "400"),
            Map.entry("rfc4475/scalar02.dat", "400"),
            Map.entry("rfc4475/scalarlg.dat", DROP),
            Map.entry("rfc4475/quotbal.dat", "400"),
            Map.entry("rfc4475/ltgtruri.dat", "400"),
            Map.entry("rfc4475/lwsruri.dat", "400"),
            Map.entry("rfc4475/lwsstart.dat", FORWARD), // liberal reading (RFC 4475 allows it): extra spaces are unambiguous; forwarded with single spaces
            Map.entry("rfc4475/trws.dat", FORWARD), // liberal reading (RFC 4475 allows it): trailing space is unambiguous; forwarded without it
            Map.entry("rfc4475/escruri.dat", "400"),
            Map.entry("rfc4475/baddate.dat", FORWARD), // a proxy does not use Date: kept as it came
            Map.entry("rfc4475/regbadct.dat", FORWARD), // liberal reading (RFC 4475 allows it): the ? makes the missing <> unambiguous; forwarded with <>
            Map.entry("rfc4475/badaspec.dat", FORWARD), // liberal reading (RFC 4475 allows it): spaces inside <> dropped; forwarded clean
            Map.entry("rfc4475/baddn.dat", FORWARD), // liberal reading (RFC 4475 allows it): From/To are single-valued; the display name is forwarded quoted
            Map.entry("rfc4475/badvers.dat", "505"),
            Map.entry("rfc4475/mismatch01.dat", "400"),
            Map.entry("rfc4475/mismatch02.dat", "501"),
            Map.entry("rfc4475/bigcode.dat", DROP),
            // §3.2–3.4: semantics
            Map.entry("rfc4475/badbranch.dat", FORWARD), // RFC 2543 matching, as §3.2.1 allows
            Map.entry("rfc4475/insuf.dat", "400"),
            Map.entry("rfc4475/unkscm.dat", "416"),
            Map.entry("rfc4475/novelsc.dat", "416"),
            Map.entry("rfc4475/unksm2.dat", FORWARD),
            Map.entry("rfc4475/bext01.dat", "420"),
            Map.entry("rfc4475/invut.dat", FORWARD),
            Map.entry("rfc4475/regaut01.dat", FORWARD),
            Map.entry("rfc4475/multi01.dat", "400"),
            Map.entry("rfc4475/mcl01.dat", "400"),
            Map.entry("rfc4475/bcast.dat", DROP),
            Map.entry("rfc4475/zeromf.dat", "483"),
            Map.entry("rfc4475/cparam01.dat", FORWARD),
            Map.entry("rfc4475/cparam02.dat", FORWARD),
            Map.entry("rfc4475/regescrt.dat", FORWARD),
            Map.entry("rfc4475/sdp01.dat", FORWARD),
            Map.entry("rfc4475/inv2543.dat", FORWARD),
            // RFC 5118
            Map.entry("rfc5118/ipv6-good.dat", FORWARD),
            Map.entry("rfc5118/ipv6-bad.dat", "400"),
            Map.entry("rfc5118/port-ambiguous.dat", FORWARD),
            Map.entry("rfc5118/port-unambiguous.dat", FORWARD),
            Map.entry("rfc5118/via-received-param-with-delim.dat", "404"), // in-dialog BYE not routed through us
            Map.entry("rfc5118/via-received-param-no-delim.dat", FORWARD),
            Map.entry("rfc5118/ipv6-in-sdp.dat", FORWARD),
            Map.entry("rfc5118/mult-ip-in-header.dat", "404"),
            Map.entry("rfc5118/mult-ip-in-sdp.dat", FORWARD),
            Map.entry("rfc5118/ipv4-mapped-ipv6.dat", FORWARD),
            Map.entry("rfc5118/ipv6-bug-abnf-3-colons.dat", FORWARD),
            Map.entry("rfc5118/ipv6-correct-abnf-2-colons.dat", FORWARD));

    static Stream<Arguments> corpus() {
        return EXPECTED.keySet().stream().sorted().map(f -> Arguments.of(f, EXPECTED.get(f)));
    }

    public static byte[] read(String name) throws IOException {
        try (InputStream in = ConformanceProxyTest.class.getResourceAsStream("/conformance/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /conformance/" + name);
            }
            return in.readAllBytes();
        }
    }

    /** RFC 5118's archive has bare LF line ends; its INDEX's wire() form: CRLF headers, CRLF body, true length. */
    public static byte[] wire(byte[] archived) {
        String text = new String(archived, java.nio.charset.StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\n\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 2);
        StringBuilder b = new StringBuilder();
        String crlfBody = body.isEmpty() ? "" : String.join("\r\n", body.split("\n", -1));
        if (!crlfBody.isEmpty() && !crlfBody.endsWith("\r\n")) {
            crlfBody += "\r\n";
        }
        for (String line : head.split("\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                line = "Content-Length: " + crlfBody.length();
            }
            b.append(line).append("\r\n");
        }
        b.append("\r\n").append(crlfBody);
        return b.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("corpus")
    void theProxyTakesTheActionTheRfcAsksFor(String file, String expected) throws IOException {
        byte[] bytes = read(file);
        if (file.startsWith("rfc5118/")) {
            bytes = wire(bytes);
        }
        ProxyHarness h = new ProxyHarness();
        h.receiveRaw(bytes, "127.0.0.10:5060", Transport.UDP);
        List<Out> out = h.drain();

        assertEquals(0, h.context.stats().internalErrors.sum(), "no internal error");
        for (Out o : out) {
            // Replies go to the sender's address at its Via sent-by port (RFC 3261 §18.2.2), so any port.
            assertTrue(o.to().startsWith("127.0.0.10:") || o.to().equals("127.0.0.20:5060"),
                    "only back to the sender or to the configured carrier, never to " + o.to());
        }
        List<Out> forwarded = out.stream().filter(o -> o.to().equals("127.0.0.20:5060")).toList();
        List<Integer> replies = out.stream().filter(o -> o.to().startsWith("127.0.0.10:") && o.status() > 100)
                .map(Out::status).toList();
        switch (expected) {
            case FORWARD -> {
                assertEquals(1, forwarded.size(), "forwarded once: " + out);
                assertEquals(List.of(), replies);
                SIPRequest fwd = forwarded.get(0).request();
                assertEquals("127.0.0.1", fwd.getTopmostVia().getHost(), "our Via on top");
                assertTrue(fwd.getRequestURI().toString().contains("127.0.0.20"), fwd.getRequestURI().toString());
                SIPRequest original = (SIPRequest) ProxyHarness.parse(bytes);
                byte[] body = original.getRawContent();
                if (body != null) {
                    assertArrayEquals(body, fwd.getRawContent(), "body byte-identical");
                }
            }
            case DROP -> assertEquals(List.of(), out, "dropped");
            default -> {
                assertEquals(List.of(), forwarded, "never forwarded");
                assertEquals(List.of(Integer.parseInt(expected)), replies, out.toString());
            }
        }
    }
}
