package io.sipfront.core.sip;

import io.sipfront.net.Transport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderNameCacheGuardTest {

    private static byte[] withHeaderNamed(String name) {
        return ("OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-c\r\n"
                + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: cache@127.0.0.1\r\nCSeq: 1 OPTIONS\r\n"
                + name + ": x\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void madeUpHeaderNamesDoNotGrowJainSipsCacheWithoutLimit() {
        SipParser parser = new SipParser(64);
        // the premise: JAIN-SIP remembers every new name it sees
        int before = HeaderNameCacheGuard.size();
        assertInstanceOf(ParseOutcome.Parsed.class, parser.parse(withHeaderNamed("X-Premise-" + System.nanoTime()), Transport.UDP));
        assertTrue(HeaderNameCacheGuard.size() > before || before > HeaderNameCacheGuard.LIMIT - 8);

        int max = 0;
        for (int i = 0; i < 3 * HeaderNameCacheGuard.LIMIT; i++) {
            assertInstanceOf(ParseOutcome.Parsed.class, parser.parse(withHeaderNamed("X-Made-Up-" + i), Transport.UDP));
            max = Math.max(max, HeaderNameCacheGuard.size());
        }
        assertTrue(max <= HeaderNameCacheGuard.LIMIT + 16, "cache reached " + max);
    }
}
