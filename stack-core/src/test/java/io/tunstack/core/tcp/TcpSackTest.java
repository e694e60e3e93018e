package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static io.tunstack.core.tcp.TcpScript.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sender-side SACK with the RFC 6675 DupThresh detector: the scoreboard and SACK-based loss recovery. */
class TcpSackTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;
    private static final int MSS = 1460;

    /** A SACK-permitted connection that sent {@code segments} full segments of its initial window. */
    private static TcpConnection sending(TcpScript s, int segments) {
        TcpConnection c = s.acceptConnection(true);
        s.write(c, pattern(0, segments * MSS));
        for (int i = 0; i < segments; i++) {
            s.next();
        }
        s.expectNothing();
        return c;
    }

    private static TcpScript sackScript() {
        return new TcpScript(TcpScript.baseConfig().sack(true).lossDetection(TcpConfig.LossDetection.DUP_THRESH));
    }

    @Test
    void isLostEntersRecoveryOnTheSecondDuplicateAndPipeLimitsSending() {
        TcpScript s = sackScript();
        TcpConnection c = sending(s, 10);
        s.send(seg().seq(B).ack(A).sack(A + MSS, A + 3 * MSS));
        s.expectNothing();
        assertFalse(c.congestionControl().inRecovery(), "2·SMSS SACKed above SND.UNA is not yet a loss");
        // More than (DupThresh − 1)·SMSS SACKed above SND.UNA: IsLost(SND.UNA) after only two duplicates.
        s.send(seg().seq(B).ack(A).sack(A + MSS, A + 4 * MSS));
        s.expect(seg().seq(A).ack(B).data(0, MSS));
        // RFC 6675 §5 (4.2): cwnd = ssthresh = FlightSize / 2; pipe = 6 unSACKed + 1 retransmitted > cwnd.
        // PRR (RFC 9937) lets nothing more out either: 1 of RecoverFS = 7 segments delivered allows 5/7 of one.
        s.expectNothing();
        assertTrue(c.congestionControl().inRecovery());
        assertEquals(2, c.stats().dupAcks());
        assertEquals(5 * MSS, c.congestionControl().cwnd());
        assertEquals(7 * MSS, c.stats().cwnd(), "the window in force is pipe: nothing more may leave");
        assertEquals(5 * MSS, c.stats().ssthresh());
    }

    @Test
    void nextSegRetransmitsHolesInOrderThenNewDataAndRecoveryEndsAtTheRecoveryPoint() {
        TcpScript s = sackScript();
        TcpConnection c = sending(s, 10);
        // Segments 0 and 2 are lost.
        s.send(seg().seq(B).ack(A).sack(A + MSS, A + 2 * MSS));
        s.send(seg().seq(B).ack(A).sack(A + 3 * MSS, A + 4 * MSS, A + MSS, A + 2 * MSS));
        s.expectNothing();
        s.send(seg().seq(B).ack(A).sack(A + 3 * MSS, A + 5 * MSS, A + MSS, A + 2 * MSS));
        s.expect(seg().seq(A).ack(B).data(0, MSS));
        s.expectNothing();
        // Segment 2 is lost once three segments above it are SACKed, and goes once cwnd − pipe ≥ SMSS.
        s.send(seg().seq(B).ack(A).sack(A + 3 * MSS, A + 6 * MSS, A + MSS, A + 2 * MSS));
        s.expectNothing();
        s.send(seg().seq(B).ack(A).sack(A + 3 * MSS, A + 7 * MSS, A + MSS, A + 2 * MSS));
        s.expect(seg().seq(A + 2 * MSS).ack(B).data(2 * MSS, MSS));
        s.expectNothing();
        s.write(c, pattern(10 * MSS, 4 * MSS));
        s.expectNothing();
        // No hole left below the highest SACK: rule 2 sends new data.
        s.send(seg().seq(B).ack(A).sack(A + 3 * MSS, A + 8 * MSS, A + MSS, A + 2 * MSS));
        s.expect(seg().seq(A + 10 * MSS).ack(B).data(10 * MSS, MSS));
        s.expectNothing();
        // A partial ACK keeps cwnd (no NewReno deflation) and recovery; pipe shrinks, two segments go.
        s.send(seg().seq(B).ack(A + 2 * MSS).sack(A + 3 * MSS, A + 9 * MSS));
        s.expect(seg().seq(A + 11 * MSS).ack(B).data(11 * MSS, MSS));
        s.expect(seg().seq(A + 12 * MSS).ack(B).data(12 * MSS, MSS));
        s.expectNothing();
        assertTrue(c.congestionControl().inRecovery());
        assertEquals(5 * MSS, c.stats().cwnd());
        // The ACK covering the RecoveryPoint (HighData at entry) ends recovery.
        s.send(seg().seq(B).ack(A + 10 * MSS));
        assertFalse(c.congestionControl().inRecovery());
        assertEquals(4 * MSS, c.stats().cwnd(), "min(ssthresh, FlightSize + SMSS)");
        s.expect(seg().psh().seq(A + 13 * MSS).ack(B).data(13 * MSS, MSS));
        assertEquals(2, c.stats().fastRetransmissions());
        assertEquals(0, c.stats().timeoutRetransmissions());
    }

    @Test
    void afterATimeoutSackedSegmentsAreNotResent() {
        TcpScript s = sackScript();
        TcpConnection c = sending(s, 4);
        s.send(seg().seq(B).ack(A).sack(A + 2 * MSS, A + 3 * MSS));
        s.expectNothing();
        s.advanceMillis(200);
        s.expect(seg().seq(A).ack(B).data(0, MSS));
        s.expectNothing();
        // Go-back-N resends segment 1 and steps over the SACKed segment 2 (RFC 6675 §5.1).
        s.send(seg().seq(B).ack(A + MSS).sack(A + 2 * MSS, A + 3 * MSS));
        s.expect(seg().seq(A + MSS).ack(B).data(MSS, MSS));
        s.expectNothing();
        s.send(seg().seq(B).ack(A + 3 * MSS));
        s.expect(seg().psh().seq(A + 3 * MSS).ack(B).data(3 * MSS, MSS));
        s.expectNothing();
        assertEquals(1, c.stats().timeoutRetransmissions());
    }

    @Test
    void renegingForgetsTheScoreboard() {
        TcpScript s = sackScript();
        sending(s, 4);
        s.send(seg().seq(B).ack(A).sack(A + 2 * MSS, A + 3 * MSS));
        s.advanceMillis(200);
        s.expect(seg().seq(A).ack(B).data(0, MSS));
        s.send(seg().seq(B).ack(A + MSS).sack(A + 2 * MSS, A + 3 * MSS));
        s.expect(seg().seq(A + MSS).ack(B).data(MSS, MSS));
        // The cumulative ACK stops where the SACKed segment 2 began: the peer dropped it, so it is resent.
        s.send(seg().seq(B).ack(A + 2 * MSS));
        s.expect(seg().seq(A + 2 * MSS).ack(B).data(2 * MSS, MSS));
    }

    @Test
    void dsackAndRepeatedBlocksAreNotDuplicates() {
        TcpScript s = sackScript();
        TcpConnection c = sending(s, 4);
        s.send(seg().seq(B).ack(A + 2 * MSS));
        s.send(seg().seq(B).ack(A + 2 * MSS).sack(A + 3 * MSS, A + 4 * MSS));
        assertEquals(1, c.stats().dupAcks());
        // RFC 2883 D-SACK blocks below SND.UNA, and blocks with nothing new, are ignored (RFC 6675 §2).
        for (int i = 0; i < 3; i++) {
            s.send(seg().seq(B).ack(A + 2 * MSS).sack(A, A + MSS, A + 3 * MSS, A + 4 * MSS));
        }
        s.expectNothing();
        assertEquals(1, c.stats().dupAcks());
        assertFalse(c.congestionControl().inRecovery());
    }

    @Test
    void withoutSackNegotiatedNewRenoIgnoresTheBlocks() {
        TcpScript s = new TcpScript(); // SACK off: the peer's offer is declined
        TcpConnection c = sending(s, 10);
        for (int i = 0; i < 2; i++) {
            s.send(seg().seq(B).ack(A).sack(A + MSS, A + 5 * MSS));
            s.expectNothing();
        }
        assertFalse(c.congestionControl().inRecovery());
        s.send(seg().seq(B).ack(A).sack(A + MSS, A + 5 * MSS));
        s.expect(seg().seq(A).ack(B).data(0, MSS));
        // RFC 5681 §3.2: ssthresh = FlightSize / 2, cwnd inflated by the three duplicates.
        assertEquals(5 * MSS, c.stats().ssthresh());
        assertEquals(8 * MSS, c.stats().cwnd());
    }
}
