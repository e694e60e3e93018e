package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RACK-TLP's state on its own (RFC 8985): the reordering window and the segment log. */
class RackTlpTest {
    private static final long MS = 1_000_000;
    private static final long NO_ECHO = Long.MIN_VALUE;
    private final int[] left = new int[4];
    private final int[] right = new int[4];

    private boolean ack(RackTlp r, int sndUna, boolean dsack, long now) {
        return r.onAck(sndUna, 10_000, left, right, 0, dsack, NO_ECHO, 40 * MS, false, now);
    }

    @Test
    void reoWndGrowsOnceARoundWithDsackAndFallsBackAfterSixteenQuietRecoveries() {
        RackTlp r = new RackTlp(0, 16, 40 * MS, 0);
        for (int i = 0; i < 10; i++) {
            r.onTransmit(i * 1000, (i + 1) * 1000, 0);
        }
        ack(r, 1000, false, 40 * MS);
        assertEquals(10 * MS, r.reoWnd(), "min_RTT / 4");
        ack(r, 2000, true, 41 * MS);
        assertEquals(20 * MS, r.reoWnd(), "a D-SACK: reo_wnd_mult 2");
        ack(r, 3000, true, 42 * MS);
        assertEquals(20 * MS, r.reoWnd(), "once per round: the round ends when SND.UNA passes SND.NXT");
        ack(r, 10_000, true, 80 * MS);
        assertEquals(30 * MS, r.reoWnd(), "next round");
        for (int i = 0; i < 15; i++) {
            r.recoveryEnded();
        }
        ack(r, 10_000, false, 81 * MS);
        assertEquals(30 * MS, r.reoWnd(), "kept for 16 recoveries");
        r.recoveryEnded();
        ack(r, 10_000, false, 82 * MS);
        assertEquals(10 * MS, r.reoWnd());
    }

    @Test
    void aRetransmissionOnOtherBoundariesSplitsTheSegmentAndPipeCountsWhatIsInTheNetwork() {
        RackTlp r = new RackTlp(0, 16, 40 * MS, 0);
        r.onTransmit(0, 3000, 0);
        r.onTransmit(3000, 4000, 0);
        left[0] = 3000;
        right[0] = 4000;
        assertFalse(r.onAck(0, 4000, left, right, 1, false, NO_ECHO, 40 * MS, false, 40 * MS));
        assertEquals(3000, r.pipe(4000), "the SACKed segment left the network");
        assertEquals(50 * MS, r.reoTimerAt(), "RACK timer: xmit_ts + RACK.rtt + reo_wnd");
        assertTrue(r.onReoTimer(50 * MS));
        assertEquals(0, r.pipe(4000), "the lost one too");
        assertEquals(0, r.firstLostSeq());
        assertEquals(3000, r.firstLostLength());
        r.onTransmit(0, 1000, 50 * MS);
        assertEquals(1000, r.pipe(4000), "the retransmitted part is back in the network");
        assertEquals(1000, r.firstLostSeq());
        assertEquals(2000, r.firstLostLength());
        // The retransmission is delivered: RACK.xmit_ts moves to it, nothing else is newly lost.
        assertFalse(r.onAck(1000, 4000, left, right, 0, false, NO_ECHO, 40 * MS, true, 90 * MS));
        assertEquals(0, r.pipe(3000));
    }
}
