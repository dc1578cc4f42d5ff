package io.sipfront.ha;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Advert wire format: {@code "SFHA" version state priority idLength bootEpoch(8) sequence(8) id mac(32)},
 * the MAC being HMAC-SHA256 over everything before it. Not thread-safe (one {@link Mac}); one per thread.
 */
final class AdvertCodec {
    static final byte[] MAGIC = {'S', 'F', 'H', 'A'};
    static final int VERSION = 1;
    static final int MAC_BYTES = 32;
    static final int MAX_BYTES = 4 + 4 + 16 + 255 + MAC_BYTES;

    private final Mac mac;

    AdvertCodec(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    byte[] encode(Advert advert) {
        byte[] id = advert.nodeId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(4 + 4 + 16 + id.length + MAC_BYTES);
        out.put(MAGIC).put((byte) VERSION).put((byte) advert.state().ordinal()).put((byte) advert.priority())
                .put((byte) id.length).putLong(advert.bootEpoch()).putLong(advert.sequence()).put(id);
        mac.update(out.array(), 0, out.position());
        out.put(mac.doFinal());
        return out.array();
    }

    /** @throws BadAdvertException when the datagram is not an advert or its MAC does not verify */
    Advert decode(byte[] data, int length) throws BadAdvertException {
        if (length < 4 + 4 + 16 + MAC_BYTES) {
            throw new BadAdvertException(BadAdvertException.Reason.MALFORMED, "too short: " + length + " bytes");
        }
        int signed = length - MAC_BYTES;
        mac.update(data, 0, signed);
        byte[] expected = mac.doFinal();
        byte[] got = java.util.Arrays.copyOfRange(data, signed, length);
        // Constant time: a byte-by-byte early exit would let an attacker find the MAC one byte at a time.
        if (!MessageDigest.isEqual(expected, got)) {
            throw new BadAdvertException(BadAdvertException.Reason.BAD_MAC, "HMAC does not verify");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(data, 0, signed);
            byte[] magic = new byte[4];
            in.get(magic);
            int version = in.get();
            if (!java.util.Arrays.equals(magic, MAGIC) || version != VERSION) {
                throw new BadAdvertException(BadAdvertException.Reason.MALFORMED, "unknown magic or version");
            }
            int stateOrdinal = in.get();
            int priority = in.get() & 0xff;
            int idLength = in.get() & 0xff;
            long epoch = in.getLong();
            long sequence = in.getLong();
            if (stateOrdinal < 0 || stateOrdinal >= HaState.values().length || in.remaining() != idLength) {
                throw new BadAdvertException(BadAdvertException.Reason.MALFORMED, "bad state or id length");
            }
            byte[] id = new byte[idLength];
            in.get(id);
            return new Advert(new String(id, StandardCharsets.UTF_8), priority, HaState.values()[stateOrdinal],
                    epoch, sequence);
        } catch (BufferUnderflowException e) {
            throw new BadAdvertException(BadAdvertException.Reason.MALFORMED, "truncated");
        }
    }
}
