package io.sipfront.core.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.ListenAddress;
import io.sipfront.config.SipSettings;
import io.sipfront.core.testing.TestConfigs;
import io.sipfront.net.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Is this us?" decides Route popping, loop detection and response matching. */
class LocalIdentityTest {
    private static LocalIdentity identity(String advertised, int port, String... listen) {
        List<ListenAddress> l = java.util.Arrays.stream(listen)
                .map(ip -> new ListenAddress(Transport.UDP, TestConfigs.ip(ip), port)).toList();
        return new LocalIdentity(new SipSettings(l, advertised, port, 1, 1 << 20));
    }

    @Test
    void anIpv6AdvertisedAddressIsWrittenInBracketsAndMatchedWithOrWithout() throws Exception {
        LocalIdentity id = identity("2001:db8::1", 5060, "::1");
        assertEquals("Via: SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKx\r\n",
                id.via(Transport.UDP, "z9hG4bKx").encode());
        assertEquals("<sip:[2001:db8::1]:5060;transport=tcp;lr>", id.recordRoute(Transport.TCP).getAddress().toString());
        assertTrue(id.isLocal("[2001:DB8::1]", 5060));
        assertTrue(id.isLocal("2001:db8::1", -1), "no port means 5060");
        assertTrue(id.isLocal("[::1]", 5060), "a concrete listen address is us too");
        assertFalse(id.isLocal("2001:db8::2", 5060));
    }

    @Test
    void thePortMatters() {
        LocalIdentity id = identity("127.0.0.1", 5070, "127.0.0.1");
        assertTrue(id.isLocal("127.0.0.1", 5070));
        assertFalse(id.isLocal("127.0.0.1", 5060), "another proxy on the same host is not us");
        assertFalse(id.isLocal("127.0.0.1", -1));
    }

    @Test
    void aWildcardListenAddressIsNotTakenForUs() {
        LocalIdentity id = identity("192.0.2.7", 5060, "0.0.0.0");
        assertTrue(id.isLocal("192.0.2.7", 5060));
        assertFalse(id.isLocal("0.0.0.0", 5060));
    }
}
