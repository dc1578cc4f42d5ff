package io.sipfront.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The matches built by the loader classify sources as the operator meant. */
class AddressMatchTest {

    @Test
    void ipv4Network() throws Exception {
        AddressMatch match = parse("10.1.0.0/16");
        assertTrue(match.matches(source("10.1.0.0", 5060)));
        assertTrue(match.matches(source("10.1.255.255", 1)));
        assertFalse(match.matches(source("10.2.0.1", 5060)));
        assertFalse(match.matches(source("2001:db8::1", 5060)));
    }

    @Test
    void ipv4NetworkNotOnAByteBoundary() throws Exception {
        AddressMatch match = parse("192.0.2.64/26");
        assertTrue(match.matches(source("192.0.2.64", 5060)));
        assertTrue(match.matches(source("192.0.2.127", 5060)));
        assertFalse(match.matches(source("192.0.2.63", 5060)));
        assertFalse(match.matches(source("192.0.2.128", 5060)));
    }

    @Test
    void ipv6Network() throws Exception {
        AddressMatch match = parse("2001:db8::/32");
        assertTrue(match.matches(source("2001:db8:ffff::1", 5060)));
        assertFalse(match.matches(source("2001:db9::1", 5060)));
        assertFalse(match.matches(source("32.1.13.184", 5060))); // the same first bytes, as IPv4
    }

    @Test
    void singleAddressWithPort() throws Exception {
        AddressMatch match = parse("127.0.0.20:5060");
        assertTrue(match.matches(source("127.0.0.20", 5060)));
        assertFalse(match.matches(source("127.0.0.20", 5061)));
        assertFalse(match.matches(source("127.0.0.21", 5060)));
    }

    @Test
    void singleIpv6AddressWithPort() throws Exception {
        AddressMatch match = parse("[2001:db8::1]:5060");
        assertTrue(match.matches(source("2001:db8::1", 5060)));
        assertFalse(match.matches(source("2001:db8::1", 5080)));
        assertFalse(match.matches(source("2001:db8::2", 5060)));
    }

    @Test
    void singleAddressWithoutPortMatchesAnyPort() throws Exception {
        AddressMatch match = parse("::1");
        assertTrue(match.matches(source("::1", 5060)));
        assertTrue(match.matches(source("::1", 40000)));
        assertFalse(match.matches(source("::2", 5060)));
    }

    @Test
    void zeroPrefixMatchesTheWholeFamily() throws Exception {
        AddressMatch match = parse("0.0.0.0/0");
        assertTrue(match.matches(source("203.0.113.9", 5060)));
        assertFalse(match.matches(source("::1", 5060)));
    }

    @Test
    void unresolvedSourceNeverMatches() throws Exception {
        assertFalse(parse("0.0.0.0/0").matches(InetSocketAddress.createUnresolved("example.com", 5060)));
    }

    private static AddressMatch parse(String spec) throws InvalidValueException {
        return SourceSpecs.parse(spec);
    }

    private static InetSocketAddress source(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }
}
