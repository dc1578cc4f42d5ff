package io.sipfront.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void ipv4AndIpv6LiteralsParse() throws Exception {
        assertEquals(InetAddress.getByName("192.0.2.1"), IpLiteral.parse("192.0.2.1"));
        assertEquals(InetAddress.getByName("2001:db8::1"), IpLiteral.parse("2001:0db8:0:0::1"));
        assertEquals(InetAddress.getByName("::1"), IpLiteral.parseHost("[::1]"));
    }

    @Test
    void namesAndMalformedAddressesAreNotLiterals() {
        for (String text : new String[] {"pbx.example.com", "1.example", "localhost", "256.0.0.1", "1.2.3",
                "1.2.3.4.5", "1..2.3", "1.2.3.4.", "fe80::1%eth0", "", "2001:db8::g"}) {
            assertNull(IpLiteral.parseHost(text), text);
        }
        assertNull(IpLiteral.parse("[::1]"), "brackets belong to SIP hosts, not to bare literals");
        assertNull(IpLiteral.parse(null));
    }

    @Test
    void ipv6IsWrittenInTheShortForm() throws Exception {
        assertEquals("2001:db8::1", IpLiteral.toText(InetAddress.getByName("2001:0db8:0:0:0:0:0:1")));
        assertEquals("::1", IpLiteral.toText(InetAddress.getByName("::1")));
        assertEquals("::", IpLiteral.toText(InetAddress.getByName("::")));
        assertEquals("2001:db8::", IpLiteral.toText(InetAddress.getByName("2001:db8::")));
        // The longest run of zeros is shortened, a single zero group is not.
        assertEquals("2001:0:0:1::1", IpLiteral.toText(InetAddress.getByName("2001:0:0:1:0:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", IpLiteral.toText(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("192.0.2.1", IpLiteral.toText(InetAddress.getByName("192.0.2.1")));
    }
}
