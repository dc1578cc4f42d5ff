package io.sipfront.config;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpLiteralsTest {

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
