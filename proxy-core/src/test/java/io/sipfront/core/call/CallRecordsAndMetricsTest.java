package io.sipfront.core.call;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.CARRIER_B;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.nist.javax.sip.message.SIPRequest;
import io.micrometer.core.instrument.Timer;
import io.sipfront.core.lane.EstablishedCalls;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One JSON call record per finished call, and the per-destination meters, through the real proxy on one lane. */
class CallRecordsAndMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProxyHarness h = new ProxyHarness();

    private SIPRequest inviteOut() {
        return h.drain().stream().filter(o -> o.isRequest("INVITE")).findFirst().orElseThrow().request();
    }

    private static String bye(String callId, String via, String ruri, String fromTag, String toTag) {
        return "BYE " + ruri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + via + ";branch=z9hG4bK-bye-" + callId + "\r\n"
                + "From: <sip:a@x>;tag=" + fromTag + "\r\nTo: <sip:b@y>;tag=" + toTag + "\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 2 BYE\r\nRoute: <sip:127.0.0.1:5060;lr>\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    /** Platform calls out: carrier-a 503, carrier-b rings after 1.2 s and answers; the callee hangs up 30 s later. */
    private void answeredCallAfterAFailover(String callId) {
        h.receive(Sip.invite(callId), PLATFORM);
        SIPRequest toA = inviteOut();
        h.advance(100);
        h.receive(Sip.respond(toA, 503, "Service Unavailable", "a", null), CARRIER_A);
        SIPRequest toB = inviteOut();
        h.advance(1_100);
        h.receive(Sip.respond(toB, 180, "Ringing", "b", null), CARRIER_B);
        h.advance(2_000);
        h.receive(Sip.respond(toB, 200, "OK", "b", "127.0.0.21:5060"), CARRIER_B);
        h.drain();
    }

    @Test
    void oneAnsweredCallLeavesOneRecordWrittenAtItsBye() throws Exception {
        long wallStart = h.clock.currentTimeMillis();
        answeredCallAfterAFailover("cdr1");
        assertEquals(List.of(), h.callRecords, "no record before the BYE: the call is not finished");
        h.advance(30_000);
        h.receive(bye("cdr1", "127.0.0.21:5060", "sip:caller@127.0.0.10:5060", "b", "from-cdr1"), CARRIER_B);
        assertEquals(1, h.callRecords.size(), h.callRecords.toString());
        JsonNode r = JSON.readTree(h.callRecords.get(0));
        assertEquals("cdr1", r.get("call_id").asText());
        assertEquals("outbound", r.get("direction").asText());
        assertEquals("platform/127.0.0.10:5060", r.get("source").asText());
        assertEquals("answered", r.get("disposition").asText());
        assertEquals("callee", r.get("hangup").asText(), "the BYE came from the carrier's side");
        assertEquals("carrier-b", r.get("carrier").asText());
        assertEquals("carrier-b", r.get("destination").asText());
        assertEquals(200, r.get("final_code").asInt());
        assertEquals(30_000, r.get("duration_ms").asLong());
        assertEquals(1_200, r.get("pdd_ms").asLong(), "INVITE to the first 180");
        assertEquals(3_200, r.get("setup_ms").asLong());
        assertEquals(Instant.ofEpochMilli(wallStart).toString(), r.get("start").asText());
        assertEquals(Instant.ofEpochMilli(wallStart + 3_200).toString(), r.get("answer").asText());
        assertEquals(Instant.ofEpochMilli(wallStart + 33_200).toString(), r.get("end").asText());
        JsonNode attempts = r.get("attempts");
        assertEquals(2, attempts.size());
        assertEquals("carrier-a", attempts.get(0).get("destination").asText());
        assertEquals("503", attempts.get(0).get("result").asText());
        assertEquals("sent", attempts.get(0).get("outcome").asText());
        assertEquals("200", attempts.get(1).get("result").asText());

        h.receive(bye("cdr1", "127.0.0.21:5060", "sip:caller@127.0.0.10:5060", "b", "from-cdr1"), CARRIER_B);
        assertEquals(1, h.callRecords.size(), "a retransmitted BYE writes no second record");
    }

    @Test
    void theCallerHangingUpIsNamed() throws Exception {
        answeredCallAfterAFailover("cdr2");
        h.receive(bye("cdr2", "127.0.0.10:5060", "sip:callee@127.0.0.21:5060", "from-cdr2", "b"), PLATFORM);
        assertEquals("caller", JSON.readTree(h.callRecords.get(0)).get("hangup").asText());
    }

    @Test
    void anUnansweredCallIsRecordedWithItsFinalAnswer() throws Exception {
        h.receive(Sip.invite("cdr3"), PLATFORM);
        SIPRequest toA = inviteOut();
        h.receive(Sip.respond(toA, 486, "Busy Here", "a", null), CARRIER_A);
        assertEquals(1, h.callRecords.size());
        JsonNode r = JSON.readTree(h.callRecords.get(0));
        assertEquals("busy", r.get("disposition").asText());
        assertEquals(486, r.get("final_code").asInt());
        assertTrue(r.get("answer").isNull());
        assertTrue(r.get("hangup").isNull());
        assertEquals(0, r.get("duration_ms").asLong());
    }

    @Test
    void aCallWhoseByeNeverCameIsRecordedAsNoByeWhenItExpires() throws Exception {
        answeredCallAfterAFailover("cdr4");
        h.advance(1_000);
        h.clock.advanceMillis(EstablishedCalls.LIMIT_MS);
        answeredCallAfterAFailover("cdr5"); // the next answer on the lane expires the old call
        assertEquals(1, h.callRecords.size(), h.callRecords.toString());
        JsonNode r = JSON.readTree(h.callRecords.get(0));
        assertEquals("cdr4", r.get("call_id").asText());
        assertEquals("no-bye", r.get("disposition").asText());
    }

    @Test
    void destinationMetersCountAttemptsAnswersFailoversAndPostDialDelay() {
        assertEquals(0.0, h.meters.get("sipfront.destination.attempts").tag("id", "carrier-a").counter().count(),
                "registered from the config before any call");
        answeredCallAfterAFailover("m1");
        assertEquals(1.0, h.meters.get("sipfront.destination.attempts").tag("id", "carrier-a").counter().count());
        assertEquals(1.0, h.meters.get("sipfront.destination.attempts").tag("id", "carrier-b").counter().count());
        assertEquals(1.0, h.meters.get("sipfront.destination.answers").tag("id", "carrier-a").tag("class", "5xx")
                .counter().count());
        assertEquals(1.0, h.meters.get("sipfront.destination.answers").tag("id", "carrier-b").tag("class", "2xx")
                .tag("carrier", "carrier-b").counter().count());
        assertEquals(1.0, h.meters.get("sipfront.destination.failovers").tag("id", "carrier-a").tag("reason", "503")
                .counter().count());
        assertEquals(0.0, h.meters.get("sipfront.destination.failovers").tag("id", "carrier-b").tag("reason", "503")
                .counter().count());
        Timer pdd = h.meters.get("sipfront.destination.pdd").tag("id", "carrier-b").timer();
        assertEquals(1, pdd.count());
        assertEquals(1_200.0, pdd.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS));
        assertEquals(1.0, h.meters.get("sipfront.source.calls").tag("source", "platform").counter().count());
        assertEquals(0.0, h.meters.get("sipfront.source.calls").tag("source", "carrier-a").counter().count());
    }

    @Test
    void aTimeoutIsAFailoverForThatReason() {
        h.receive(Sip.invite("m2"), PLATFORM);
        h.drain();
        h.advance(2_100);
        List<Out> out = h.drain();
        assertTrue(out.stream().anyMatch(o -> o.isRequest("INVITE") && o.to().equals(CARRIER_B)), out.toString());
        assertEquals(1.0, h.meters.get("sipfront.destination.failovers").tag("id", "carrier-a")
                .tag("reason", "timeout").counter().count());
    }
}
