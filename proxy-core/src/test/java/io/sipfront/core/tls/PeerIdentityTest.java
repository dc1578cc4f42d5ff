package io.sipfront.core.tls;

import static io.sipfront.core.tls.PeerVerification.RELAXED;
import static io.sipfront.core.tls.PeerVerification.STRICT;
import static io.sipfront.core.tls.TestPki.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 5922 §7 name matching (and relaxed HTTPS rules) on real certificates, without a handshake. */
class PeerIdentityTest {
    final TestPki pki = TestPki.get();

    @Test
    void dnsNameMatchesWholeAndCaseInsensitively() throws Exception {
        PeerIdentity platform = identity(pki.platform);
        assertTrue(platform.names(PLATFORM, STRICT));
        assertTrue(platform.names("Platform.SIPfront.TEST.", STRICT), "case and a trailing root dot do not matter");
        assertFalse(platform.names("sipfront.test", STRICT), "no suffix match");
        assertFalse(platform.names("x." + PLATFORM, STRICT), "no prefix match");
        assertFalse(platform.names("x." + PLATFORM, RELAXED));
        assertEquals("DNS:" + PLATFORM, platform.presented());
    }

    @Test
    void wildcardsOnlyInRelaxedModeAndOnlyForOneLabel() throws Exception {
        PeerIdentity wildcard = identity(pki.wildcard);
        assertFalse(wildcard.names(PLATFORM, STRICT));
        assertTrue(wildcard.names(PLATFORM, RELAXED));
        assertFalse(wildcard.names("sipfront.test", RELAXED), "the wildcard needs a label to stand for");
        assertFalse(wildcard.names("a.b.sipfront.test", RELAXED), "one label only");
        assertFalse(wildcard.names("*.sipfront.test", STRICT), "a wildcard host is never a match");
        assertFalse(identity(pki.topLevelWildcard).names("sipfront.test", RELAXED), "*.test is too wide");
    }

    @Test
    void sipUriAltNamesComeFirstAndHideDnsNamesInStrictMode() throws Exception {
        PeerIdentity sipUri = identity(pki.sipUri);
        assertTrue(sipUri.names(PLATFORM, STRICT));
        assertFalse(sipUri.names("other.sipfront.test", STRICT));
        assertTrue(sipUri.names("other.sipfront.test", RELAXED));
        assertEquals("URI:sip:" + PLATFORM + ", DNS:other.sipfront.test", sipUri.presented());
    }

    @Test
    void sipUriWithAUserPartOrAnotherSchemeIsNoDomainIdentity() throws Exception {
        PeerIdentity identity = identity(pki.sipUriWithUser);
        assertTrue(identity.names(PLATFORM, STRICT), "only the dNSName remains, and it matches");
        assertFalse(identity.names("other.sipfront.test", STRICT), "sips: URIs are not SIP domain identities");
    }

    @Test
    void commonNameOnlyWithoutAnyAltName() throws Exception {
        assertTrue(identity(pki.commonNameOnly).names(PLATFORM, STRICT));
        assertEquals("CN=" + PLATFORM, identity(pki.commonNameOnly).presented());
        // The wrong-name leaf has CN=other... but a dNSName too: its CN never counts.
        assertFalse(identity(pki.sipUri).names("sip-uri", STRICT));
        assertFalse(identity(pki.sipUri).names("sip-uri", RELAXED));
    }

    @Test
    void ipLiteralsMatchOnlyIpAddressAltNames() throws Exception {
        PeerIdentity sipfront = identity(pki.sipfront);
        assertTrue(sipfront.names("127.0.0.1", STRICT));
        assertFalse(sipfront.names("127.0.0.2", STRICT));
        assertFalse(identity(pki.platform).names("127.0.0.1", RELAXED));
        assertFalse(identity(pki.ipOnly).names("platform-by-address", RELAXED), "the CN does not count");
        PeerIdentity v6 = identity(pki.ipv6);
        assertTrue(v6.names("::1", STRICT));
        assertTrue(v6.names("[0:0:0:0:0:0:0:1]", STRICT));
        assertFalse(v6.names("::2", STRICT));
    }

    private static PeerIdentity identity(TestPki.Leaf leaf) throws Exception {
        return PeerIdentity.of(TestPki.certificate(leaf.cert()));
    }
}
