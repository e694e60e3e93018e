package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static io.tunstack.core.tcp.TcpScript.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Retransmission timer (RFC 6298), fast retransmit and NewReno (RFC 5681, RFC 6582), timestamps (RFC 7323). */
class TcpRetransmitTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;
    private static final int MSS = 1460;

    @Test
    void rttSampleFromTheHandshakeSetsRto() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.next();
        s.advanceMillis(100);
        s.send(seg().syn().seq(PEER_ISS).ack(A).mss(MSS));
        // RFC 6298 §2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4·RTTVAR = 300 ms.
        assertEquals(100_000_000L, c.stats().srttNanos());
        assertEquals(50_000_000L, c.stats().rttvarNanos());
        assertEquals(300_000_000L, c.stats().rtoNanos());
    }

    @Test
    void retransmissionTimerBacksOffAndKarnKeepsTheBackoff() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.write(c, pattern(0, 100));
        s.expect(seg().psh().seq(A).ack(B).data(0, 100));
        for (long waitMs : new long[] {200, 400, 800}) {
            s.advanceMillis(waitMs - 1);
            s.expectNothing();
            s.advanceMillis(1);
            s.expect(seg().psh().seq(A).ack(B).data(0, 100));
        }
        assertEquals(3, c.stats().timeoutRetransmissions());
        // The ACK of a retransmitted segment gives no sample (Karn): the backed-off RTO stays.
        s.send(seg().seq(B).ack(A + 100));
        assertEquals(1_600_000_000L, c.stats().rtoNanos());
        assertEquals(Long.MAX_VALUE, s.layer.nextDeadline());
        // A fresh segment is timed again and its sample ends the backoff (clamped to the 200 ms minimum).
        s.write(c, pattern(100, 10));
        s.next();
        s.advanceMillis(50);
        s.send(seg().seq(B).ack(A + 110));
        assertEquals(200_000_000L, c.stats().rtoNanos());
    }

    @Test
    void tooManyRetransmissionsTimeOut() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().maxRetransmissions(2));
        TcpConnection c = s.acceptConnection();
        s.write(c, pattern(0, 10));
        s.next();
        s.advanceMillis(200);
        s.next();
        s.advanceMillis(400);
        s.next();
        s.advanceMillis(800);
        s.expectNothing();
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpCloseReason.TIMEOUT, s.handler.closed);
    }

    @Test
    void timeoutCollapsesCwndAndGoesBackN() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.write(c, pattern(0, 3 * MSS));
        for (int i = 0; i < 3; i++) {
            s.next();
        }
        s.advanceMillis(200);
        // RFC 5681 §3.1: ssthresh = max(FlightSize / 2, 2·SMSS), cwnd = 1 SMSS; resend from SND.UNA.
        s.expect(seg().seq(A).ack(B).data(0, MSS));
        s.expectNothing();
        assertEquals(MSS, c.stats().cwnd());
        assertEquals(2 * MSS, c.stats().ssthresh());
        s.send(seg().seq(B).ack(A + MSS));
        // Slow start: cwnd 2 SMSS, the next two segments go out again.
        s.expect(seg().seq(A + MSS).ack(B).data(MSS, MSS));
        s.expect(seg().psh().seq(A + 2 * MSS).ack(B).data(2 * MSS, MSS));
    }

    @Test
    void fastRetransmitAndNewRenoRecovery() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        // RFC 6928 initial window: min(10·MSS, max(2·MSS, 14600)) = 10 segments.
        s.write(c, pattern(0, 12 * MSS));
        for (int i = 0; i < 10; i++) {
            s.next();
        }
        s.expectNothing();
        assertEquals(10 * MSS, c.stats().cwnd());
        s.send(seg().seq(B).ack(A + MSS));
        // Slow start grows cwnd by 1 SMSS: two more segments fit.
        s.next();
        s.next();
        for (int i = 0; i < 2; i++) {
            s.send(seg().seq(B).ack(A + MSS));
            s.expectNothing();
        }
        s.send(seg().seq(B).ack(A + MSS));
        // Third duplicate ACK: retransmit the first unacknowledged segment.
        s.expect(seg().seq(A + MSS).ack(B).data(MSS, MSS));
        int flight = 11 * MSS;
        assertEquals(flight / 2, c.stats().ssthresh());
        assertEquals(flight / 2 + 3 * MSS, c.stats().cwnd());
        assertEquals(3, c.stats().dupAcks());
        assertTrue(c.congestionControl().inRecovery());
        s.send(seg().seq(B).ack(A + MSS));
        assertEquals(flight / 2 + 4 * MSS, c.stats().cwnd());
        // Partial ACK (RFC 6582): retransmit the next hole at once.
        s.send(seg().seq(B).ack(A + 3 * MSS));
        s.expect(seg().seq(A + 3 * MSS).ack(B).data(3 * MSS, MSS));
        assertTrue(c.congestionControl().inRecovery());
        // Full ACK: leave recovery with cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS).
        s.send(seg().seq(B).ack(A + 12 * MSS));
        assertFalse(c.congestionControl().inRecovery());
        assertEquals(2 * MSS, c.stats().cwnd());
        assertEquals(2, c.stats().fastRetransmissions());
        assertEquals(0, c.stats().timeoutRetransmissions());
    }

    @Test
    void limitedTransmitSendsNewDataOnTheFirstTwoDuplicateAcks() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.write(c, pattern(0, 14 * MSS));
        for (int i = 0; i < 10; i++) {
            s.next();
        }
        s.send(seg().seq(B).ack(A + MSS));
        s.next();
        s.next();
        s.expectNothing();
        // RFC 3042: each of the first two duplicate ACKs releases one new segment beyond cwnd.
        s.send(seg().seq(B).ack(A + MSS));
        s.expect(seg().seq(A + 12 * MSS).ack(B).data(12 * MSS, MSS));
        s.send(seg().seq(B).ack(A + MSS));
        s.expect(seg().seq(A + 13 * MSS).ack(B).psh().data(13 * MSS, MSS)); // the last queued byte: PSH
        assertEquals(11 * MSS, c.stats().cwnd(), "limited transmit leaves cwnd alone");
        // The third duplicate ACK is fast retransmit, as without limited transmit.
        s.send(seg().seq(B).ack(A + MSS));
        s.expect(seg().seq(A + MSS).ack(B).data(MSS, MSS));
        assertEquals(1, c.stats().fastRetransmissions());
    }

    @Test
    void sequenceNumbersWrapAround() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().fixedIss(0xFFFF_FFF0));
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.expect(seg().syn().seq(0xFFFF_FFF0));
        int peer = 0xFFFF_FFFA;
        s.send(seg().syn().seq(peer).ack(0xFFFF_FFF1).mss(MSS));
        s.expect(seg().seq(0xFFFF_FFF1).ack(peer + 1));
        s.write(c, pattern(0, 100));
        s.expect(seg().psh().seq(0xFFFF_FFF1).ack(0xFFFF_FFFB).data(0, 100));
        s.send(seg().seq(0xFFFF_FFFB).ack(0x55).data(0, 100));
        assertEquals(0x55, c.sndUna());
        assertEquals(0x5F, c.rcvNxt());
        assertEquals(100, c.readableBytes());
        assertEquals(65535, c.sendBufferFree());
    }

    @Test
    void timestampsGiveRttSamplesAndPawsRejectsOldSegments() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().timestamps(true));
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> s.accepted.add(c));
        s.send(seg().syn().seq(PEER_ISS).mss(MSS).ts(100, 0));
        // Our TSval is the 1 ms clock (offset 0 under the fixed-ISS test hook); TSecr echoes the SYN.
        s.expect(seg().syn().seq(ISS).ack(B).ts(1000, 100));
        s.advanceMillis(30);
        s.send(seg().seq(B).ack(A).ts(101, 1000));
        TcpConnection c = s.accepted.get(0);
        assertEquals(30_000_000L, c.stats().srttNanos());
        s.send(seg().seq(B).ack(A).ts(102, 1000).payload("new"));
        assertEquals(3, c.readableBytes());
        // RFC 7323 §5.3: an older TSval is rejected with an ACK echoing TS.Recent.
        s.send(seg().seq(B + 3).ack(A).ts(50, 1000).payload("old"));
        s.expect(seg().seq(A).ack(B + 3).ts(1030, 102));
        assertEquals(3, c.readableBytes());
        assertEquals(1, s.layer.counters().dropped(TcpDropReason.PAWS));
        // RFC 7323 §3.2: no timestamp once negotiated: dropped silently.
        s.send(seg().seq(B + 3).ack(A).payload("none"));
        s.expectNothing();
        assertEquals(1, s.layer.counters().dropped(TcpDropReason.MISSING_TIMESTAMP));
        // RTTM on data: the ACK 40 ms later echoes our TSval.
        s.write(c, "x".getBytes());
        TcpScript.Sent data = s.next();
        assertEquals(1030, data.header().tsVal);
        assertEquals(1460 - 12, c.stats().cwnd() / 10, "send MSS leaves room for the timestamp option");
        s.advanceMillis(40);
        s.send(seg().seq(B + 3).ack(A + 1).ts(103, 1030));
        // SRTT = 7/8·30 + 1/8·40 ms.
        assertEquals(31_250_000L, c.stats().srttNanos());
    }
}
