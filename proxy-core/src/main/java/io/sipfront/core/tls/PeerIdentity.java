package io.sipfront.core.tls;

import io.netty.util.NetUtil;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Does a certificate name the peer we meant to reach? The peer is the SIP domain of the destination URI (RFC 5922
 * §4: the domain before NAPTR/SRV, never the SRV target), or the IP address of an IP-literal URI.
 *
 * <p>RFC 5922 §7.1 ranks the identities: {@code sip:} URI subjectAltNames (without a user part) when any exist,
 * otherwise dNSName subjectAltNames, and the subject CN only when the certificate has no subjectAltName at all. §7.2
 * compares them whole and case-insensitively, with no wildcards. Relaxed mode adds HTTPS rules (RFC 6125 §6.4.3)
 * for carriers with wildcard certificates; in both modes the CN counts only when the certificate has no
 * subjectAltName at all (RFC 6125 §6.4.4, stricter than RFC 2818, which also falls back when only IP SANs exist).
 */
final class PeerIdentity {
    private static final int URI = 6;
    private static final int DNS = 2;
    private static final int IP = 7;

    private final List<String> sipDomains = new ArrayList<>();
    private final List<String> dnsNames = new ArrayList<>();
    private final List<byte[]> ipAddresses = new ArrayList<>();
    private final List<String> presented = new ArrayList<>();
    private final String commonName;
    private final boolean hasAltNames;

    private PeerIdentity(X509Certificate leaf) {
        Collection<List<?>> altNames = altNames(leaf);
        hasAltNames = !altNames.isEmpty();
        for (List<?> altName : altNames) {
            int type = (Integer) altName.get(0);
            String value = String.valueOf(altName.get(1));
            if (type == URI) {
                presented.add("URI:" + value);
                String domain = sipUriDomain(value);
                if (domain != null) {
                    sipDomains.add(domain);
                }
            } else if (type == DNS) {
                presented.add("DNS:" + value);
                dnsNames.add(normalize(value));
            } else if (type == IP) {
                presented.add("IP:" + value);
                byte[] bytes = NetUtil.createByteArrayFromIpAddressString(value);
                if (bytes != null) {
                    ipAddresses.add(bytes);
                }
            }
        }
        commonName = mostSpecificCommonName(leaf.getSubjectX500Principal());
        if (!hasAltNames && commonName != null) {
            presented.add("CN=" + commonName);
        }
    }

    static PeerIdentity of(X509Certificate leaf) {
        return new PeerIdentity(leaf);
    }

    /** Whether the certificate names {@code peerHost} (a domain, or an IPv4/IPv6 literal, brackets allowed). */
    boolean names(String peerHost, PeerVerification mode) {
        String host = normalize(peerHost);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            byte[] wanted = NetUtil.createByteArrayFromIpAddressString(host);
            return ipAddresses.stream().anyMatch(a -> Arrays.equals(a, wanted));
        }
        if (host.isEmpty() || host.indexOf('*') >= 0) {
            return false;
        }
        return mode == PeerVerification.STRICT ? namesStrictly(host) : namesRelaxed(host);
    }

    /** The identities the certificate presents, for an error message: {@code URI:sip:a, DNS:b, IP:c} or a CN. */
    String presented() {
        return presented.isEmpty() ? "no name" : String.join(", ", presented);
    }

    private boolean namesStrictly(String host) {
        List<String> candidates;
        if (!sipDomains.isEmpty()) {
            candidates = sipDomains;
        } else if (!dnsNames.isEmpty()) {
            candidates = dnsNames;
        } else if (!hasAltNames && commonName != null) {
            candidates = List.of(normalize(commonName));
        } else {
            candidates = List.of();
        }
        return candidates.contains(host);
    }

    /** Strict, plus dNSNames even beside {@code sip:} URIs, and wildcards. The CN still counts only without SANs. */
    private boolean namesRelaxed(String host) {
        if (namesStrictly(host)) {
            return true;
        }
        List<String> candidates = hasAltNames || commonName == null ? dnsNames : List.of(normalize(commonName));
        return candidates.stream().anyMatch(name -> name.equals(host) || wildcardMatches(name, host));
    }

    /** {@code *.example.com} matches exactly one leftmost label, and never a public-suffix-like {@code *.com}. */
    private static boolean wildcardMatches(String pattern, String host) {
        if (!pattern.startsWith("*.") || pattern.indexOf('*', 1) >= 0) {
            return false;
        }
        String suffix = pattern.substring(1); // ".example.com"
        if (suffix.indexOf('.', 1) < 0) {
            return false;
        }
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot).equals(suffix);
    }

    /** The domain of a {@code sip:} URI without a user part (RFC 5922 §7.1), else null. */
    private static String sipUriDomain(String uri) {
        if (uri.length() < 5 || !uri.regionMatches(true, 0, "sip:", 0, 4)) {
            return null; // sips: and others are not SIP domain identities
        }
        String rest = uri.substring(4);
        if (rest.indexOf('@') >= 0) {
            return null;
        }
        int end = rest.length();
        for (char stop : new char[] {';', '?', ':'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String domain = normalize(rest.substring(0, end));
        return domain.isEmpty() ? null : domain;
    }

    private static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static Collection<List<?>> altNames(X509Certificate leaf) {
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of(); // an unreadable extension names nobody
        }
    }

    /** The CN of the last RDN holding one: RFC 2253 order lists the most specific first, LdapName the reverse. */
    private static String mostSpecificCommonName(X500Principal subject) {
        try {
            List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
