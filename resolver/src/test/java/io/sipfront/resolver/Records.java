package io.sipfront.resolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;

/** Short ways to write the records of a test zone. */
final class Records {
    private Records() {
    }

    static Name name(String s) {
        try {
            return Name.fromString(s, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByAddress(IpLiteral.parse(literal).orElseThrow().getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ARecord a(String owner, String ip, long ttl) {
        return new ARecord(name(owner), DClass.IN, ttl, ip(ip));
    }

    static AAAARecord aaaa(String owner, String ip, long ttl) {
        return new AAAARecord(name(owner), DClass.IN, ttl, ip(ip));
    }

    static SRVRecord srv(String owner, int priority, int weight, int port, String target, long ttl) {
        return new SRVRecord(name(owner), DClass.IN, ttl, priority, weight, port, name(target));
    }

    static NAPTRRecord naptr(String owner, int order, int preference, String flags, String service,
                             String replacement, long ttl) {
        return new NAPTRRecord(name(owner), DClass.IN, ttl, order, preference, flags, service, "",
                name(replacement));
    }
}
