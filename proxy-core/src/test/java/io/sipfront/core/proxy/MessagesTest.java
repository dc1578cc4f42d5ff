package io.sipfront.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.Sip;
import java.nio.charset.StandardCharsets;
import javax.sip.header.ViaHeader;
import org.junit.jupiter.api.Test;

/** {@link Messages#prepend}: our header on top, the rest in order, as JAIN-SIP's own addFirst would leave it. */
class MessagesTest {

    private static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();
    private static final AddressFactoryImpl ADDRESSES = new AddressFactoryImpl();

    private static SIPRequest invite() {
        return (SIPRequest) ProxyHarness.parse(Sip.invite("prepend").getBytes(StandardCharsets.UTF_8));
    }

    private static Via via(String host, String branch) throws Exception {
        return (Via) HEADERS.createViaHeader(host, 5060, "UDP", branch);
    }

    private static RecordRoute recordRoute(String host) throws Exception {
        return (RecordRoute) HEADERS.createRecordRouteHeader(ADDRESSES.createAddress("<sip:" + host + ";lr>"));
    }

    @Test
    void aViaGoesOnTopOfTheViasAlreadyThere() throws Exception {
        SIPRequest ours = invite();
        SIPRequest theirs = invite();
        String callersBranch = ours.getTopmostVia().getBranch();

        Messages.prepend(ours, via("127.0.0.1", "z9hG4bKours"));
        theirs.addFirst(via("127.0.0.1", "z9hG4bKours"));

        assertEquals("z9hG4bKours", ours.getTopmostVia().getBranch());
        ViaList vias = assertInstanceOf(ViaList.class, ours.getViaHeaders());
        assertEquals(2, vias.size());
        assertEquals(callersBranch, ((ViaHeader) vias.get(1)).getBranch(), "the caller's Via stays, second");
        assertEquals(theirs.encode(), ours.encode(), "the same message JAIN-SIP's addFirst makes");
    }

    @Test
    void aRecordRouteStartsAListWhenTheRequestHasNone() throws Exception {
        SIPRequest ours = invite();
        SIPRequest theirs = invite();
        assertEquals(null, ours.getRecordRouteHeaders(), "the test's INVITE comes without Record-Route");

        Messages.prepend(ours, recordRoute("127.0.0.1"));
        theirs.addFirst(recordRoute("127.0.0.1"));

        RecordRouteList list = assertInstanceOf(RecordRouteList.class, ours.getRecordRouteHeaders());
        assertEquals(1, list.size());
        assertEquals(theirs.encode(), ours.encode());
        // the list it started is the message's own: a second one goes on top of it
        Messages.prepend(ours, recordRoute("127.0.0.2"));
        theirs.addFirst(recordRoute("127.0.0.2"));
        assertEquals(2, ours.getRecordRouteHeaders().size());
        assertEquals("sip:127.0.0.2;lr", ((RecordRoute) ours.getRecordRouteHeaders().getFirst()).getAddress().getURI()
                .toString());
        assertEquals(theirs.encode(), ours.encode());
    }
}
