package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static io.tunstack.core.tcp.TcpScript.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * RACK-TLP (RFC 8985), the default loss detector of SACK connections, as packet scripts on the virtual clock:
 * the peer answers 100 ms after each flight, so min_RTT = SRTT = 100 ms and reo_wnd = min_RTT / 4 = 25 ms.
 */
class TcpRackTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;
    private static final int MSS = 1460;

    private static TcpScript rackScript() {
        return new TcpScript(TcpScript.baseConfig().sack(true));
    }

    /** A SACK connection accepted with a 100 ms handshake RTT. */
    private static TcpConnection accept(TcpScript s) {
        java.util.List<TcpConnection> accepted = new java.util.ArrayList<>();
        s.layer.listen(0, TcpScript.LOCAL_PORT, 16, accepted::add);
        s.send(seg().syn().seq(PEER_ISS).mss(MSS).window(65535).sackPermitted());
        s.expect(seg().syn().seq(ISS).ack(B).mss(MSS).window(65535).sackPermitted());
        s.advanceMillis(100);
        s.send(seg().seq(B).ack(A).window(65535));
        assertEquals(1, accepted.size());
        return accepted.get(0);
    }

    /** An accepted connection that sent {@code segments} full segments at once. */
    private static TcpConnection sending(TcpScript s, int segments) {
        TcpConnection c = accept(s);
        s.write(c, pattern(0, segments * MSS));
        for (int i = 0; i < segments; i++) {
            s.next();
        }
        s.expectNothing();
        return c;
    }

    /** Ten full segments queued and sent at once; 100 ms later segments 0 and 1 are acknowledged. */
    private static TcpConnection tenSegmentsFirstTwoAcked(TcpScript s) {
        TcpConnection c = sending(s, 10);
        s.advanceMillis(100);
        s.send(seg().seq(B).ack(A + 2 * MSS));
        s.expectNothing();
        return c;
    }

    /** As {@link #tenSegmentsFirstTwoAcked}, then segment 3 is SACKed and the RACK timer resends segment 2. */
    private static TcpConnection segmentTwoRetransmitted(TcpScript s) {
        TcpConnection c = tenSegmentsFirstTwoAcked(s);
        s.send(seg().seq(B).ack(A + 2 * MSS).sack(A + 3 * MSS, A + 4 * MSS));
        s.advanceMillis(25);
        s.expect(seg().seq(A + 2 * MSS).ack(B).data(2 * MSS, MSS));
        return c;
    }

    @Test
    void aSegmentReorderedWithinTheReorderingWindowIsNotRetransmitted() {
        TcpScript s = rackScript();
        TcpConnection c = tenSegmentsFirstTwoAcked(s);
        // Segment 3 overtook segment 2: not lost until 100 ms + reo_wnd after segment 2 was sent.
        s.send(seg().seq(B).ack(A + 2 * MSS).sack(A + 3 * MSS, A + 4 * MSS));
        s.expectNothing();
        s.advanceMillis(20);
        s.expectNothing();
        s.send(seg().seq(B).ack(A + 4 * MSS));
        s.send(seg().seq(B).ack(A + 10 * MSS));
        s.advanceMillis(1000);
        s.expectNothing();
        assertEquals(0, c.stats().fastRetransmissions());
        assertEquals(0, c.stats().timeoutRetransmissions());
        assertFalse(c.congestionControl().inRecovery());
        assertEquals(Integer.MAX_VALUE, c.stats().ssthresh(), "no reduction");
    }

    @Test
    void aSegmentIsLostOnceTheReorderingWindowPasses() {
        TcpScript s = rackScript();
        TcpConnection c = tenSegmentsFirstTwoAcked(s);
        s.send(seg().seq(B).ack(A + 2 * MSS).sack(A + 3 * MSS, A + 4 * MSS));
        s.advanceMillis(24);
        s.expectNothing();
        // The RACK timer: segment 2 was sent at 0, segment 3 (sent with it) was delivered after RACK.rtt =
        // 100 ms, so at 100 + 25 ms segment 2 is lost and recovery starts.
        s.advanceMillis(1);
        s.expect(seg().seq(A + 2 * MSS).ack(B).data(2 * MSS, MSS));
        s.expectNothing();
        assertTrue(c.congestionControl().inRecovery());
        assertEquals(4 * MSS, c.stats().ssthresh(), "RFC 6675 (4.2): FlightSize / 2");
        assertEquals(1, c.stats().fastRetransmissions());
        s.send(seg().seq(B).ack(A + 10 * MSS));
        assertFalse(c.congestionControl().inRecovery());
        assertEquals(0, c.stats().timeoutRetransmissions());
    }

    @Test
    void withoutReorderingThreeSackedSegmentsMarkTheHoleLostAtOnce() {
        TcpScript s = rackScript();
        tenSegmentsFirstTwoAcked(s);
        s.send(seg().seq(B).ack(A + 2 * MSS).sack(A + 3 * MSS, A + 5 * MSS));
        s.expectNothing();
        // RFC 8985 §6.2 step 4: no reordering seen and RACK.segs_sacked ≥ DupThresh: reo_wnd = 0.
        s.send(seg().seq(B).ack(A + 2 * MSS).sack(A + 3 * MSS, A + 6 * MSS));
        s.expect(seg().seq(A + 2 * MSS).ack(B).data(2 * MSS, MSS));
    }

    @Test
    void aTailLossProbeRecoversATailLossWithoutTimeout() {
        TcpScript s = rackScript();
        TcpConnection c = sending(s, 10);
        s.advanceMillis(100);
        // Segments 8 and 9 are lost: no SACK can ever show it.
        s.send(seg().seq(B).ack(A + 8 * MSS));
        s.expectNothing();
        // PTO = 2·SRTT = 200 ms after the ACK, before the RTO (SRTT + 4·RTTVAR = 250 ms): the last segment again.
        s.advanceMillis(199);
        s.expectNothing();
        s.advanceMillis(1);
        s.expect(seg().psh().seq(A + 9 * MSS).ack(B).data(9 * MSS, MSS));
        s.expectNothing();
        assertEquals(1, c.stats().lossProbes());
        // The probe's SACK makes RACK see segment 8 lost: it goes at once, in recovery.
        s.advanceMillis(100);
        s.send(seg().seq(B).ack(A + 8 * MSS).sack(A + 9 * MSS, A + 10 * MSS));
        s.expect(seg().seq(A + 8 * MSS).ack(B).data(8 * MSS, MSS));
        s.send(seg().seq(B).ack(A + 10 * MSS));
        s.advanceMillis(2000);
        s.expectNothing();
        assertEquals(0, c.stats().timeoutRetransmissions());
        assertEquals(1, c.stats().fastRetransmissions());
    }

    /** Ten segments, the last one lost: the ACK of nine, then the probe resends segment 9 at the RTO's time. */
    private static TcpConnection tailProbed(TcpScript s) {
        TcpConnection c = sending(s, 10);
        s.advanceMillis(100);
        s.send(seg().seq(B).ack(A + 9 * MSS));
        // One segment in flight: PTO = 2·SRTT + TLP.max_ack_delay, cut to the RTO (SRTT + 4·RTTVAR = 250 ms).
        s.advanceMillis(249);
        s.expectNothing();
        s.advanceMillis(1);
        s.expect(seg().psh().seq(A + 9 * MSS).ack(B).data(9 * MSS, MSS));
        s.expectNothing();
        assertEquals(1, c.stats().lossProbes());
        assertEquals(0, c.stats().timeoutRetransmissions());
        s.advanceMillis(100);
        s.send(seg().seq(B).ack(A + 10 * MSS));
        return c;
    }

    @Test
    void aProbeThatRepairedALossReducesCwndOnceLaterDataIsAcknowledged() {
        TcpScript s = rackScript();
        TcpConnection c = tailProbed(s);
        // RFC 8985 §7.4: an ACK of exactly TLP.end_seq does not tell whether the original arrived too.
        assertEquals(Integer.MAX_VALUE, c.stats().ssthresh());
        s.write(c, pattern(10 * MSS, MSS));
        s.expect(seg().psh().seq(A + 10 * MSS).ack(B).data(10 * MSS, MSS));
        int cwnd = c.stats().cwnd();
        s.advanceMillis(100);
        s.send(seg().seq(B).ack(A + 11 * MSS));
        // The ACK first grows cwnd by its SMSS (slow start), then the probe's repair halves it.
        assertEquals((cwnd + MSS) / 2, c.stats().ssthresh(), "the probe repaired a loss: one reduction");
        assertEquals((cwnd + MSS) / 2, c.stats().cwnd());
        assertFalse(c.congestionControl().inRecovery());
    }

    @Test
    void aProbeReportedByDsackWasNotNeededAndReducesNothing() {
        TcpScript s = rackScript();
        TcpConnection c = tailProbed(s);
        s.send(seg().seq(B).ack(A + 10 * MSS).sack(A + 9 * MSS, A + 10 * MSS));
        s.write(c, pattern(10 * MSS, MSS));
        s.expect(seg().psh().seq(A + 10 * MSS).ack(B).data(10 * MSS, MSS));
        s.advanceMillis(100);
        s.send(seg().seq(B).ack(A + 11 * MSS));
        assertEquals(Integer.MAX_VALUE, c.stats().ssthresh());
    }

    @Test
    void aProbeOfNewDataGoesWhenTheWindowAllows() {
        TcpScript s = rackScript();
        TcpConnection c = accept(s);
        s.write(c, pattern(0, 12 * MSS));
        for (int i = 0; i < 10; i++) {
            s.next();
        }
        s.expectNothing();
        s.advanceMillis(100);
        // One ACK for segment 0 lets two more go (slow start); then the ACKs stop.
        s.send(seg().seq(B).ack(A + MSS));
        s.next();
        s.next();
        s.write(c, pattern(12 * MSS, MSS));
        s.expectNothing();
        s.advanceMillis(200);
        // RFC 8985 §7.3: the probe is the next unsent segment, beyond cwnd.
        s.expect(seg().psh().seq(A + 12 * MSS).ack(B).data(12 * MSS, MSS));
        assertEquals(0, c.stats().lossProbes(), "new data is no retransmission");
    }

    @Test
    void afterAnUnansweredProbeTheRtoResendsFromSndUnaAndSkipsWhatIsSacked() {
        TcpScript s = rackScript();
        TcpConnection c = sending(s, 4);
        // Nothing comes back: the probe at PTO = 2·SRTT, then the RTO (SRTT + 4·RTTVAR = 300 ms) after it.
        s.advanceMillis(200);
        s.expect(seg().psh().seq(A + 3 * MSS).ack(B).data(3 * MSS, MSS));
        s.advanceMillis(299);
        s.expectNothing();
        s.advanceMillis(1);
        // RFC 8985 §6.3: every segment is past its RACK deadline; cwnd = 1 SMSS lets the first go.
        s.expect(seg().seq(A).ack(B).data(0, MSS));
        s.expectNothing();
        assertEquals(1, c.stats().timeoutRetransmissions());
        s.advanceMillis(100);
        // The probe had arrived: segment 3 is SACKed and not sent again, segments 1 and 2 are.
        s.send(seg().seq(B).ack(A + MSS).sack(A + 3 * MSS, A + 4 * MSS));
        s.expect(seg().seq(A + MSS).ack(B).data(MSS, MSS));
        s.expect(seg().seq(A + 2 * MSS).ack(B).data(2 * MSS, MSS));
        s.expectNothing();
        s.send(seg().seq(B).ack(A + 4 * MSS));
        s.advanceMillis(2000);
        s.expectNothing();
        assertEquals(1, c.stats().timeoutRetransmissions());
    }

    @Test
    void aSpuriousRetransmissionReportedByDsackIsUndone() {
        TcpScript s = rackScript();
        TcpConnection c = segmentTwoRetransmitted(s);
        assertEquals(4 * MSS, c.congestionControl().cwnd());
        // The original arrives after all, then the retransmission: the peer reports it with a D-SACK block.
        s.send(seg().seq(B).ack(A + 10 * MSS));
        s.send(seg().seq(B).ack(A + 10 * MSS).sack(A + 2 * MSS, A + 3 * MSS));
        assertEquals(1, c.stats().undos());
        assertEquals(12 * MSS, c.stats().cwnd(), "RFC 4015: cwnd as before the reduction (IW + 2 SMSS)");
        assertEquals(Integer.MAX_VALUE, c.stats().ssthresh());
    }

    /** As {@link #accept}, with timestamps: segments carry 1448 bytes; the peer's TSval is 2 after the handshake. */
    private static TcpConnection acceptWithTimestamps(TcpScript s) {
        java.util.List<TcpConnection> accepted = new java.util.ArrayList<>();
        s.layer.listen(0, TcpScript.LOCAL_PORT, 16, accepted::add);
        s.send(seg().syn().seq(PEER_ISS).mss(MSS).window(65535).sackPermitted().ts(1, 0));
        int synAckTs = s.next().header().tsVal;
        s.advanceMillis(100);
        s.send(seg().seq(B).ack(A).ts(2, synAckTs));
        return accepted.get(0);
    }

    @Test
    void aTimeoutShownSpuriousByTheEchoedTimestampIsUndone() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().sack(true).timestamps(true));
        TcpConnection c = acceptWithTimestamps(s);
        int cwnd = c.stats().cwnd();
        s.write(c, pattern(0, 4 * 1448));
        int original = s.next().header().tsVal;
        for (int i = 1; i < 4; i++) {
            s.next();
        }
        // The ACKs are late: the tail probe, then the timeout resends segment 0.
        s.advanceMillis(200);
        s.expect(seg().psh().seq(A + 3 * 1448).ack(B).data(3 * 1448, 1448));
        s.advanceMillis(300);
        s.expect(seg().seq(A).ack(B).data(0, 1448));
        assertEquals(1448, c.stats().cwnd());
        // RFC 3522: the first ACK echoes the original's TSval; RFC 4015: the window comes back.
        s.send(seg().seq(B).ack(A + 2 * 1448).ts(3, original));
        assertEquals(1, c.stats().undos());
        assertTrue(c.stats().cwnd() >= cwnd, "cwnd " + c.stats().cwnd());
        assertEquals(Integer.MAX_VALUE, c.stats().ssthresh());
        s.expectNothing();
        s.send(seg().seq(B).ack(A + 4 * 1448).ts(4, original));
        s.advanceMillis(2000);
        s.expectNothing();
        assertEquals(1, c.stats().timeoutRetransmissions());
    }

    @Test
    void anEchoedTimestampOlderThanTheRetransmissionUndoesTheReduction() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().sack(true).timestamps(true));
        TcpConnection c = acceptWithTimestamps(s);
        s.write(c, pattern(0, 10 * 1448));
        int original = s.next().header().tsVal;
        for (int i = 1; i < 10; i++) {
            s.next();
        }
        s.advanceMillis(100);
        s.send(seg().seq(B).ack(A + 2 * 1448).ts(3, original));
        int cwnd = c.stats().cwnd();
        s.send(seg().seq(B).ack(A + 2 * 1448).sack(A + 3 * 1448, A + 4 * 1448).ts(3, original));
        s.advanceMillis(25);
        s.expect(seg().seq(A + 2 * 1448).ack(B).data(2 * 1448, 1448));
        assertTrue(c.congestionControl().inRecovery());
        // The original arrived late: the ACK ending recovery echoes its TSval, older than the retransmission's.
        s.send(seg().seq(B).ack(A + 10 * 1448).ts(4, original));
        assertEquals(1, c.stats().undos());
        assertEquals(cwnd, c.stats().cwnd());
        assertEquals(Integer.MAX_VALUE, c.stats().ssthresh());
    }

    @Test
    void aRetransmissionThatRepairedTheLossIsNotUndone() {
        TcpScript s = rackScript();
        TcpConnection c = segmentTwoRetransmitted(s);
        s.advanceMillis(100);
        s.send(seg().seq(B).ack(A + 10 * MSS));
        s.advanceMillis(100);
        s.expectNothing();
        assertEquals(0, c.stats().undos());
        assertEquals(4 * MSS, c.stats().ssthresh());
    }

    @Test
    void aDsackWidensTheReorderingWindow() {
        TcpScript s = rackScript();
        TcpConnection c = segmentTwoRetransmitted(s);
        // The retransmission was needless: the peer reports it with a D-SACK (RFC 8985 §6.2 step 4: reo_wnd_mult 2).
        s.send(seg().seq(B).ack(A + 10 * MSS));
        s.send(seg().seq(B).ack(A + 10 * MSS).sack(A + 2 * MSS, A + 3 * MSS));
        s.expectNothing();
        s.write(c, pattern(10 * MSS, 10 * MSS));
        for (int i = 0; i < 10; i++) {
            s.next();
        }
        s.expectNothing();
        // Segment 12 is 40 ms late now: beyond min_RTT / 4 = 25 ms, within reo_wnd = 2·min_RTT / 4 = 50 ms.
        s.advanceMillis(100);
        s.send(seg().seq(B).ack(A + 12 * MSS).sack(A + 13 * MSS, A + 14 * MSS));
        s.advanceMillis(40);
        s.expectNothing();
        s.send(seg().seq(B).ack(A + 20 * MSS));
        s.expectNothing();
        assertEquals(1, c.stats().fastRetransmissions());
    }

    @Test
    void theDupThreshSwitchRestoresRfc6675() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().sack(true).lossDetection(TcpConfig.LossDetection.DUP_THRESH));
        TcpConnection c = tenSegmentsFirstTwoAcked(s);
        s.send(seg().seq(B).ack(A + 2 * MSS).sack(A + 3 * MSS, A + 4 * MSS));
        s.advanceMillis(150);
        s.expectNothing();
        assertFalse(c.congestionControl().inRecovery(), "one SACKed segment is no loss by DupThresh, whatever the time");
    }
}
