package io.sipfront.core.capture;

import io.netty.buffer.ByteBuf;
import io.sipfront.net.Transport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * HEP v3 (the Homer Encapsulation Protocol), big-endian: {@code "HEP3"}, the packet's total length (16 bits), then
 * chunks of vendor (0 = generic), type and length (each 16 bits, the length counting the 6-byte chunk header) and
 * value. Receivers are strict (heplify-server drops a packet whose length disagrees with what arrived, or whose
 * fixed-size chunk has another size), so every fixed chunk has exactly its size and the payload is cut to fit
 * the 16-bit total.
 */
public final class HepEncoder {
    /** The largest HEP packet: its length field is 16 bits. */
    public static final int MAX_PACKET = 0xffff;
    static final int CHUNK_HEADER = 6;
    static final int PROTOCOL_SIP = 1;

    private HepEncoder() {
    }

    /**
     * Writes one HEP v3 packet for {@code m} at {@code out}'s writer index.
     *
     * @param correlationId the Call-ID (chunk 0x11, how Homer groups a call's messages), or null
     * @param authKey       the collector's password (chunk 0x0e), or null
     */
    public static void encode(ByteBuf out, CapturedMessage m, long captureId, String authKey, String correlationId) {
        int start = out.writerIndex();
        out.writeBytes(new byte[] {'H', 'E', 'P', '3'});
        int lengthAt = out.writerIndex();
        out.writeShort(0);
        InetAddress src = m.source().getAddress();
        InetAddress dst = m.destination().getAddress();
        boolean v4 = src instanceof Inet4Address && dst instanceof Inet4Address;
        u8(out, 0x01, v4 ? 0x02 : 0x0a);
        u8(out, 0x02, m.transport() == Transport.UDP ? 0x11 : 0x06);
        bytes(out, v4 ? 0x03 : 0x05, address(src, v4));
        bytes(out, v4 ? 0x04 : 0x06, address(dst, v4));
        u16(out, 0x07, m.source().getPort());
        u16(out, 0x08, m.destination().getPort());
        u32(out, 0x09, m.epochMicros() / 1_000_000);
        u32(out, 0x0a, m.epochMicros() % 1_000_000);
        u8(out, 0x0b, PROTOCOL_SIP);
        u32(out, 0x0c, captureId);
        if (authKey != null) {
            bytes(out, 0x0e, authKey.getBytes(StandardCharsets.UTF_8));
        }
        if (correlationId != null) {
            bytes(out, 0x11, correlationId.getBytes(StandardCharsets.UTF_8));
        }
        int room = MAX_PACKET - (out.writerIndex() - start) - CHUNK_HEADER;
        int payload = Math.max(0, Math.min(room, m.bytes().length));
        header(out, 0x0f, payload);
        out.writeBytes(m.bytes(), 0, payload);
        out.setShort(lengthAt, out.writerIndex() - start);
    }

    /** An IPv4 address as 4 bytes, or any address as 16 (IPv4 mapped into IPv6 when the other side is IPv6). */
    private static byte[] address(InetAddress a, boolean v4) {
        byte[] raw = a.getAddress();
        if (v4 || raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    private static void header(ByteBuf out, int type, int valueLength) {
        out.writeShort(0);
        out.writeShort(type);
        out.writeShort(CHUNK_HEADER + valueLength);
    }

    private static void u8(ByteBuf out, int type, int value) {
        header(out, type, 1);
        out.writeByte(value);
    }

    private static void u16(ByteBuf out, int type, int value) {
        header(out, type, 2);
        out.writeShort(value);
    }

    private static void u32(ByteBuf out, int type, long value) {
        header(out, type, 4);
        out.writeInt((int) value);
    }

    private static void bytes(ByteBuf out, int type, byte[] value) {
        header(out, type, value.length);
        out.writeBytes(value);
    }
}
