package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NewRenoTest {
    private static final int MSS = 1000;

    @Test
    void sackRecoveryHoldsCwndAtSsthreshUntilTheRecoveryPoint() {
        NewReno cc = new NewReno(MSS, 0);
        assertTrue(cc.onEnterRecovery(1000, 11_000, 10_000));
        assertEquals(5 * MSS, cc.ssthresh());
        assertEquals(5 * MSS, cc.cwnd(), "RFC 6675 (4.2): no inflation");
        assertFalse(cc.onAck(5000, 4000, 6000, true, 0), "no partial-ACK retransmission");
        assertEquals(5 * MSS, cc.cwnd());
        cc.onAck(11_000, 6000, 0, true, 0);
        assertFalse(cc.inRecovery());
        // RFC 6675 §5.1: with SACK a new recovery may start at the old RecoveryPoint itself.
        assertTrue(cc.onEnterRecovery(11_000, 20_000, 9000));
    }

    @Test
    void initialWindowPerRfc6928() {
        assertEquals(10 * 1460, NewReno.initialWindow(1460));
        assertEquals(14600, NewReno.initialWindow(4000));
        assertEquals(10 * 536, NewReno.initialWindow(536));
    }

    @Test
    void slowStartCountsBytesUpToTwoSegmentsPerAck() {
        NewReno cc = new NewReno(MSS, 0);
        cc.onAck(5000, 5000, 0, true, 0);
        assertEquals(10 * MSS + 2 * MSS, cc.cwnd(), "RFC 3465 L = 2·SMSS");
    }

    @Test
    void congestionAvoidanceGrowsOneSegmentPerWindow() {
        NewReno cc = new NewReno(MSS, 0);
        cc.onRetransmitTimeout(20_000, 20_000, true);
        assertEquals(10_000, cc.ssthresh());
        assertEquals(MSS, cc.cwnd());
        int ack = 0;
        while (cc.cwnd() < cc.ssthresh()) {
            ack += MSS;
            cc.onAck(ack, MSS, 0, true, 0);
        }
        int cwnd = cc.cwnd();
        for (int acked = 0; acked + MSS < cwnd; acked += MSS) {
            ack += MSS;
            cc.onAck(ack, MSS, 0, true, 0);
        }
        assertEquals(cwnd, cc.cwnd());
        cc.onAck(ack + MSS, MSS, 0, true, 0);
        assertEquals(cwnd + MSS, cc.cwnd());
    }

    @Test
    void rfc7661NoGrowthOutsideTheValidatedPhaseAndTheReductionAfterTheNvp() {
        NewReno cc = new NewReno(MSS, 0);
        cc.onAck(5000, 5000, 0, false, 0);
        assertEquals(10 * MSS, cc.cwnd(), "§4.3: not validated, no growth");
        for (int ack = 1000; ack <= 20_000; ack += 1000) {
            cc.onAck(ack, MSS, 0, true, 0);
        }
        assertEquals(30 * MSS, cc.cwnd());
        cc.onNvpEnd();
        assertEquals(15 * MSS, cc.cwnd(), "§4.4.2: max(cwnd / 2, IW)");
        assertEquals(Integer.MAX_VALUE, cc.ssthresh(), "max(ssthresh, 3/4·cwnd)");
        cc.onNvpEnd();
        assertEquals(10 * MSS, cc.cwnd(), "never below IW");
    }

    @Test
    void oneReductionPerWindowOfLosses() {
        NewReno cc = new NewReno(MSS, 0);
        assertTrue(cc.onTripleDupAck(1000, 20_000, 19_000));
        assertFalse(cc.onTripleDupAck(1000, 20_000, 19_000), "already recovering");
        cc.onAck(20_000, 19_000, 0, true, 0);
        assertFalse(cc.inRecovery());
        // A later triple dup ACK still below the old "recover" point does not reduce again (RFC 6582 §3.2).
        assertFalse(cc.onTripleDupAck(20_000, 30_000, 10_000));
        assertTrue(cc.onTripleDupAck(20_001, 30_000, 9_999));
    }

    @Test
    void factoryByName() {
        assertTrue(CongestionControls.factory("NewReno").create(MSS, 0) instanceof NewReno);
        assertThrows(IllegalArgumentException.class, () -> TcpConfig.builder().congestionControl("nope"));
    }
}
