package io.sipfront.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.sipfront.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The strict receiver's rules (heplify-server): the length field is the packet's size, every chunk's length is its
 * size and fixed-size chunks have exactly theirs. (What the chunks mean is checked by sngrep in HepCaptureTest.)
 */
class HepEncoderTest {
    private static Map<Integer, Integer> chunkSizes(ByteBuf b) {
        assertEquals(b.readableBytes(), b.getUnsignedShort(4), "total length");
        Map<Integer, Integer> sizes = new LinkedHashMap<>();
        int i = 6;
        while (i < b.readableBytes()) {
            assertEquals(0, b.getUnsignedShort(i), "generic vendor");
            int type = b.getUnsignedShort(i + 2);
            int length = b.getUnsignedShort(i + 4);
            sizes.put(type, length - 6);
            i += length;
        }
        assertEquals(b.readableBytes(), i, "chunks fill the packet exactly");
        return sizes;
    }

    private static CapturedMessage message(String src, String dst, int size, Transport t) throws Exception {
        return new CapturedMessage(new byte[size], t, new InetSocketAddress(InetAddress.getByName(src), 5060),
                new InetSocketAddress(InetAddress.getByName(dst), 5062), 1_000_000L * 1_700_000_000L + 42);
    }

    @Test
    void ipv4ChunksHaveTheirFixedSizes() throws Exception {
        ByteBuf b = Unpooled.buffer();
        HepEncoder.encode(b, message("127.0.0.1", "127.0.0.20", 300, Transport.TCP), 7, "key", "cid");
        Map<Integer, Integer> sizes = chunkSizes(b);
        assertEquals(Map.of(1, 1, 2, 1, 3, 4, 4, 4, 7, 2, 8, 2, 9, 4, 10, 4, 11, 1, 12, 4), Map.copyOf(
                sizes.entrySet().stream().filter(e -> e.getKey() <= 12)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
        assertEquals(3, sizes.get(0x0e));
        assertEquals(3, sizes.get(0x11));
        assertEquals(300, sizes.get(0x0f));
        assertEquals(0x06, b.getByte(6 + 7 + 6), "IP protocol chunk: TCP");
    }

    @Test
    void ipv6AddressesTakeSixteenBytesAndAMixedPairIsMapped() throws Exception {
        ByteBuf b = Unpooled.buffer();
        HepEncoder.encode(b, message("::1", "127.0.0.20", 10, Transport.UDP), 7, null, null);
        Map<Integer, Integer> sizes = chunkSizes(b);
        assertEquals(16, sizes.get(5));
        assertEquals(16, sizes.get(6));
        assertNull(sizes.get(3));
        assertNull(sizes.get(0x0e), "no auth key chunk without a key");
    }

    @Test
    void aPayloadTooBigForSixteenBitsIsCut() throws Exception {
        ByteBuf b = Unpooled.buffer();
        HepEncoder.encode(b, message("127.0.0.1", "127.0.0.20", 70_000, Transport.TCP), 7, null, "x");
        assertEquals(HepEncoder.MAX_PACKET, b.readableBytes());
        chunkSizes(b);
    }

    @Test
    void theCallIdIsFoundInLongAndCompactForm() {
        assertEquals("abc@h", CallIds.find("INVITE sip:x SIP/2.0\r\nVia: v\r\ncall-id:  abc@h \r\n\r\n".getBytes()));
        assertEquals("c2", CallIds.find("SIP/2.0 200 OK\r\nI: c2\r\n\r\nCall-ID: body".getBytes()));
        assertNull(CallIds.find("SIP/2.0 200 OK\r\nTo: x\r\n\r\nCall-ID: only-in-body\r\n".getBytes()));
    }
}
