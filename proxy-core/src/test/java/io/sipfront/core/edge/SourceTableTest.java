package io.sipfront.core.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.core.testing.TestConfigs;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class SourceTableTest {
    private static InetAddress v4(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void oneAddressKeepsOneEntryAndIPv6IsTrackedApartFromIPv4() {
        SourceTable t = new SourceTable(64);
        SourceTable.Entry a = t.track(TestConfigs.ip("127.0.0.99"), 0);
        assertSame(a, t.track(TestConfigs.ip("127.0.0.99"), 1));
        SourceTable.Entry v6 = t.track(TestConfigs.ip("::1"), 2);
        assertNotSame(a, v6);
        assertSame(v6, t.track(TestConfigs.ip("::1"), 3));
        assertEquals(2, t.size());
    }

    @Test
    void tenThousandSourcesNeverGrowTheTableBeyondItsCapacity() {
        SourceTable t = new SourceTable(1024);
        for (int i = 0; i < 10_000; i++) {
            t.track(v4(i), i).count(i, 2000);
        }
        assertEquals(1024, t.capacity());
        assertTrue(t.size() <= 1024, "size " + t.size());
        assertTrue(t.evictions() >= 10_000 - 1024, "evictions " + t.evictions());
    }

    @Test
    void aBannedSourceSurvivesAFloodOfFreshAddresses() {
        SourceTable t = new SourceTable(64);
        InetAddress flooder = TestConfigs.ip("127.0.0.99");
        SourceTable.Entry banned = t.track(flooder, 0);
        assertTrue(banned.ban(0, 60_000, "flood"));
        for (int i = 0; i < 5_000; i++) {
            t.track(v4(i), 1 + i);
        }
        assertSame(banned, t.track(flooder, 6_000));
        assertTrue(banned.banned(6_000));
    }

    @Test
    void theSlidingWindowWeighsThePreviousWindowByItsOverlap() {
        SourceTable.Entry e = new SourceTable(64).track(TestConfigs.ip("127.0.0.99"), 0);
        for (int i = 0; i < 30; i++) {
            e.count(100 + i, 2000);
        }
        assertEquals(31, e.count(1999, 2000));
        // Half of the previous window still overlaps: 31 * 1/2 + 1.
        assertEquals(16, e.count(3000, 2000));
        // Two windows later nothing is left.
        assertEquals(1, e.count(8000, 2000));
    }

    @Test
    void aBanIsReportedOnceAndItsEndOnce() {
        SourceTable.Entry e = new SourceTable(64).track(TestConfigs.ip("127.0.0.99"), 0);
        assertTrue(e.ban(0, 60_000, "flood"));
        assertFalse(e.ban(10, 60_010, "flood"), "extending a ban is not a new ban");
        assertFalse(e.endBanIfExpired(60_000));
        assertTrue(e.endBanIfExpired(60_010));
        assertFalse(e.endBanIfExpired(60_011));
        assertFalse(e.banned(60_011));
        assertEquals(1, e.count(60_012, 2000), "a source whose ban ended starts from zero");
    }
}
