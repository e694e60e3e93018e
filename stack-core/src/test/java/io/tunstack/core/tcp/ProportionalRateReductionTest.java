package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 9937 §4's arithmetic, in bytes, on its own. */
class ProportionalRateReductionTest {
    private static final int MSS = 1000;

    /** RecoverFS 20 segments, ssthresh 10: half a segment may leave per segment delivered, whatever the ACK pattern. */
    @Test
    void proportionalPartSendsSsthreshOverRecoverFs() {
        ProportionalRateReduction prr = new ProportionalRateReduction(MSS);
        prr.start(10 * MSS, 20 * MSS);
        long pipe = 20 * MSS; // 19 segments not SACKed nor lost, and the fast retransmit
        prr.onSent(MSS);
        long sent = MSS;
        for (int ack = 1; ack <= 10; ack++) {
            pipe -= MSS; // one segment delivered
            long room = prr.onAck(MSS, pipe, false) - pipe;
            long segments = room / MSS;
            prr.onSent((int) (segments * MSS));
            pipe += segments * MSS;
            sent += segments * MSS;
            // CEIL(prr_delivered · 10/20) bytes may have left by now; whole segments of it, the retransmit first.
            assertEquals(Math.max(1, ack / 2) * MSS, sent, "after ACK " + ack);
        }
        assertEquals(14 * MSS, pipe); // 20 − 10 delivered + 4 new
    }

    /** sndcnt 0 before anything was sent (here pipe already at ssthresh): the fast retransmit still goes. */
    @Test
    void firstAckAlwaysAllowsTheFastRetransmit() {
        ProportionalRateReduction prr = new ProportionalRateReduction(MSS);
        prr.start(10 * MSS, 20 * MSS);
        assertEquals(11 * MSS, prr.onAck(MSS, 10 * MSS, false));
    }

    @Test
    void anAckThatDeliversNothingSendsNothing() {
        ProportionalRateReduction prr = new ProportionalRateReduction(MSS);
        prr.start(10 * MSS, 20 * MSS);
        assertEquals(15 * MSS, prr.onAck(0, 15 * MSS, true));
    }

    /**
     * Below ssthresh (losses took pipe down): no more than was delivered (PRR-CRB), one segment more on a safe ACK
     * (PRR-SSRB, slow start), never past ssthresh.
     */
    @Test
    void belowSsthreshGrowthIsBoundedBySlowStart() {
        ProportionalRateReduction prr = new ProportionalRateReduction(MSS);
        prr.start(10 * MSS, 20 * MSS);
        prr.onSent(MSS);
        assertEquals(3 * MSS + 2 * MSS, prr.onAck(2 * MSS, 3 * MSS, false)); // max(2 − 1, 2): what was delivered
        prr.onSent(2 * MSS);
        assertEquals(3 * MSS + 3 * MSS, prr.onAck(2 * MSS, 3 * MSS, true)); // max(4 − 3, 2) + 1
        assertEquals(8 * MSS + 2 * MSS, prr.onAck(5 * MSS, 8 * MSS, true)); // max(9 − 3, 5) + 1 = 7, capped at 10 − 8
    }
}
