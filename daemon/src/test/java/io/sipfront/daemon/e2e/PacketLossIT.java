package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.CARRIER_B;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;

import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * UDP retransmissions: caller and carriers each drop 10 % of the messages they send and
 * receive ({@code -lost 10}); Sipfront's transactions must absorb and retransmit so that all
 * 50 calls complete. Carrier-b runs too: an INVITE lost three times can legitimately fail over.
 *
 * <p>The 2xx to an INVITE is retransmitted end to end (by the carrier, not by Sipfront), and
 * each try survives both SIPps' loss with p = 0.81. SIPp caps retransmissions three ways
 * ({@code -max_retrans}, {@code -max_invite_retrans} default 7, {@code -max_non_invite_retrans}
 * default 5, and a 200 counts as non-INVITE), so everyone may retransmit 9 times under all
 * three caps. The waits must leave room for those tries too: the carrier's 200 goes out at
 * 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s, and a carrier that waits only 10 s for the BYE
 * ({@code -recv_timeout}, SIPp's server default here) gives up after five tries; five lost
 * tries in a row (0.19^5 per call) failed 1 run in 14 here, and one on CI. So the carriers wait 40 s for
 * the BYE and the caller 40 s for each reply, within a 60 s run limit; a clean run takes no
 * longer for it. SIPp seeds its loss generator with the current second: the caller starts a
 * second after the carriers so their losses are not the same sequence. A failure prints each
 * failed call's messages as all three SIPps and Sipfront saw them, health probes left out.
 */
class PacketLossIT extends E2eBase {
    static final int CALLS = 50;
    /** How long each SIPp waits for the next message of a call: room for seven tries of a retransmitted 200. */
    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final String[] RETRANS = {"-max_retrans", "9", "-max_invite_retrans", "9", "-max_non_invite_retrans", "9"};

    @Override
    protected String configName() {
        return "loopback-udp.yaml";
    }

    @Test
    void fiftyCallsWithTenPercentLossOnBothSides() throws Exception {
        // timewait (-d) 10 s: a carrier must still answer Sipfront's BYE retransmissions (0.5, 1.5, 3.5, 7.5 s)
        try (Run a = uas("uas.xml", "carrier-a").local(CARRIER_A).lost(10).hold(Duration.ofSeconds(10))
                     .recvTimeout(PATIENCE).args(RETRANS).start();
             Run b = uas("uas.xml", "carrier-b").local(CARRIER_B).lost(10).hold(Duration.ofSeconds(10))
                     .recvTimeout(PATIENCE).args(RETRANS).start()) {
            Thread.sleep(1100);   // another srand(time(NULL)) second for the caller, not a readiness wait
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).calls(CALLS).rate(10).lost(10)
                    .recvTimeout(PATIENCE).timeout(Duration.ofSeconds(60)).args(RETRANS).start()
                    .await(Duration.ofSeconds(150));
            Result ra = a.stop(Duration.ofSeconds(15));
            Result rb = b.stop(Duration.ofSeconds(15));
            try {
                caller.assertAllSucceeded(CALLS);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + perCallTraces(caller, ra, rb), e);
            }
        }
    }

    private String perCallTraces(Result caller, Result a, Result b) throws InterruptedException {
        StringBuilder sb = new StringBuilder();
        for (String callId : caller.failedCallIds()) {
            if (callId.startsWith("probe-")) {
                continue;   // Sipfront's OPTIONS to the caller, which SIPp discards: noise, not the failure
            }
            sb.append("call ").append(callId).append('\n');
            sb.append(" platform:\n").append(caller.traceOf(callId));
            sb.append(" carrier-a:\n").append(a.traceOf(callId));
            sb.append(" carrier-b:\n").append(b.traceOf(callId));
            sb.append(" sipfront:\n");
            sipfront.settledLog().lines().filter(l -> l.contains(callId)).forEach(l -> sb.append("  ").append(l).append('\n'));
        }
        return sb.toString();
    }
}
