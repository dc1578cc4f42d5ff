package io.sipfront.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpLiteralsTest {

    @Test
    void ipv6IsWrittenInTheShortForm() throws Exception {
        assertEquals("2001:db8::1", IpLiterals.toText(InetAddress.getByName("2001:0db8:0:0:0:0:0:1")));
        assertEquals("::1", IpLiterals.toText(InetAddress.getByName("::1")));
        assertEquals("::", IpLiterals.toText(InetAddress.getByName("::")));
        assertEquals("2001:db8::", IpLiterals.toText(InetAddress.getByName("2001:db8::")));
        // The longest run of zeros is shortened, a single zero group is not.
        assertEquals("2001:0:0:1::1", IpLiterals.toText(InetAddress.getByName("2001:0:0:1:0:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", IpLiterals.toText(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("192.0.2.1", IpLiterals.toText(InetAddress.getByName("192.0.2.1")));
    }

    @Test
    void hostNamesAreNotLiterals() throws Exception {
        assertNull(IpLiterals.parseIfLiteral("pbx.example.com"));
        assertNull(IpLiterals.parseIfLiteral("1.example"));
    }

    @Test
    void ambiguousIpv4FormsAreRefused() {
        for (String text : new String[] {"127.1", "010.0.0.1", "1.2.3.4.5", "256.0.0.1"}) {
            InvalidValueException e = assertThrows(InvalidValueException.class, () -> IpLiterals.parse(text));
            assertTrue(e.getMessage().contains("not a valid IPv4 address"), e.getMessage());
        }
    }

    @Test
    void ipv4MappedIpv6IsRefusedWithTheIpv4Form() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> IpLiterals.parse("::ffff:192.0.2.1"));
        assertTrue(e.getMessage().contains("write 192.0.2.1 instead"), e.getMessage());
    }

    @Test
    void zoneIdsAreRefused() {
        assertThrows(InvalidValueException.class, () -> IpLiterals.parse("fe80::1%eth0"));
    }
}
