package io.sipfront.resolver;

import static io.sipfront.resolver.Records.a;
import static io.sipfront.resolver.Records.naptr;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;

class NaptrSelectionTest {
    private static final String OWNER = "carrier.test";

    private static final List<Record> ANSWER = List.of(
            naptr(OWNER, 20, 10, "s", "SIP+D2U", "_sip._udp.carrier.test", 60),
            naptr(OWNER, 10, 20, "S", "sips+d2t", "_sips._tcp.carrier.test", 60),
            naptr(OWNER, 10, 10, "s", "SIP+D2T", "_sip._tcp.carrier.test", 60),
            naptr(OWNER, 5, 10, "s", "SIP+D2S", "_sip._sctp.carrier.test", 60),   // SCTP: not ours
            naptr(OWNER, 5, 10, "u", "E2U+sip", "ignored.carrier.test", 60),       // ENUM-style, flag u
            naptr(OWNER, 5, 10, "a", "SIP+D2U", "a-flag.carrier.test", 60),        // flag a: not for SRV
            naptr(OWNER, 5, 10, "s", "SIP+D2U", ".", 60),                          // no replacement
            a(OWNER, "192.0.2.1", 60));

    @Test
    void keepsOnlySipServicesWithFlagSInOrderThenPreference() {
        List<String> chosen = NaptrSelection.usable(ANSWER, false).stream()
                .map(c -> c.transport() + " " + c.srvName().toString(true)).toList();
        assertEquals(List.of("TCP _sip._tcp.carrier.test", "TLS _sips._tcp.carrier.test",
                "UDP _sip._udp.carrier.test"), chosen);
    }

    @Test
    void aSipsUriUsesOnlySipsD2t() {
        List<NaptrSelection.Choice> chosen = NaptrSelection.usable(ANSWER, true);
        assertEquals(1, chosen.size());
        assertEquals(Transport.TLS, chosen.get(0).transport());
        assertEquals("_sips._tcp.carrier.test", chosen.get(0).srvName().toString(true));
    }
}
