package io.sipfront.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AdvertCodecTest {
    static final byte[] KEY = "0123456789abcdef-shared".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTrips() throws Exception {
        Advert advert = new Advert("node1", 200, HaState.MASTER, 1_700_000_000_000L, 42);
        byte[] wire = new AdvertCodec(KEY).encode(advert);
        assertEquals(advert, new AdvertCodec(KEY).decode(wire, wire.length));
    }

    @Test
    void everyFlippedByteIsRejected() {
        byte[] wire = new AdvertCodec(KEY).encode(new Advert("node1", 200, HaState.MASTER, 5, 6));
        AdvertCodec codec = new AdvertCodec(KEY);
        for (int i = 0; i < wire.length; i++) {
            byte[] bad = wire.clone();
            bad[i] ^= 0x01;
            assertThrows(BadAdvertException.class, () -> codec.decode(bad, bad.length), "byte " + i);
        }
    }

    @Test
    void anotherKeyIsRejectedAsBadMac() {
        byte[] wire = new AdvertCodec("another-key-of-16-bytes".getBytes(StandardCharsets.UTF_8))
                .encode(new Advert("node1", 200, HaState.MASTER, 5, 6));
        BadAdvertException e = assertThrows(BadAdvertException.class,
                () -> new AdvertCodec(KEY).decode(wire, wire.length));
        assertEquals(BadAdvertException.Reason.BAD_MAC, e.reason());
    }

    @Test
    void truncatedDatagramsAreMalformed() {
        byte[] wire = new AdvertCodec(KEY).encode(new Advert("node1", 200, HaState.MASTER, 5, 6));
        BadAdvertException e = assertThrows(BadAdvertException.class,
                () -> new AdvertCodec(KEY).decode(wire, 10));
        assertEquals(BadAdvertException.Reason.MALFORMED, e.reason());
    }

    @Test
    void replayGuardAcceptsOnlyNewerAdverts() {
        ReplayGuard guard = new ReplayGuard();
        assertTrue(guard.accept(100, 1));
        assertTrue(guard.accept(100, 2));
        assertFalse(guard.accept(100, 2), "the same advert again");
        assertFalse(guard.accept(100, 1), "an older advert");
        assertFalse(guard.accept(99, 1000), "an advert of an earlier boot");
        assertTrue(guard.accept(101, 1), "the peer restarted: new epoch, sequence from 1");
    }
}
