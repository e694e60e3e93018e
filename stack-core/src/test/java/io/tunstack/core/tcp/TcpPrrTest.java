package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static io.tunstack.core.tcp.TcpScript.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proportional Rate Reduction (RFC 9937) paces SACK loss recovery, against RFC 6675 §5 alone, as packet scripts.
 * The RFC 6675 detector keeps the scripts free of timers. In both: ten segments in flight (the initial window),
 * segment 0 lost, thirty segments of data queued, the peer SACKing one more segment per ACK. Limited transmit
 * (RFC 3042) sends segments 10 and 11 on the first two duplicates; the third enters recovery with FlightSize 12:
 * ssthresh = 6 segments, RecoverFS = 12 − 3 SACKed = 9.
 */
class TcpPrrTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;
    private static final int MSS = 1460;

    /** For each ACK (SACKing segments 1 to k, k = 1..9, then the cumulative ACK of 0..9): the segments sent. */
    private static List<List<Integer>> recovery(boolean prr) {
        TcpScript s = new TcpScript(TcpScript.baseConfig().sack(true)
                .lossDetection(TcpConfig.LossDetection.DUP_THRESH).proportionalRateReduction(prr));
        TcpConnection c = s.acceptConnection(true);
        s.write(c, pattern(0, 30 * MSS));
        for (int i = 0; i < 10; i++) {
            s.next();
        }
        s.expectNothing();
        List<List<Integer>> sent = new ArrayList<>();
        for (int k = 1; k <= 9; k++) {
            s.send(seg().seq(B).ack(A).sack(A + MSS, A + (k + 1) * MSS));
            sent.add(segmentsSent(s));
        }
        s.send(seg().seq(B).ack(A + 10 * MSS));
        sent.add(segmentsSent(s));
        assertTrue(c.congestionControl().inRecovery(), "segments 10 and 11 are still outstanding");
        // The window in force is what the last ACK allowed: pipe (10..15 outstanding) with PRR, ssthresh without.
        assertEquals(prr ? 6 * MSS : c.congestionControl().ssthresh(), c.stats().cwnd());
        return sent;
    }

    private static List<Integer> segmentsSent(TcpScript s) {
        List<Integer> segments = new ArrayList<>();
        for (TcpScript.Sent sent = s.poll(); sent != null; sent = s.poll()) {
            assertEquals(MSS, sent.payload().length);
            segments.add((sent.header().seq - A) / MSS);
        }
        return segments;
    }

    @Test
    void prrSpreadsTheReductionOverTheRecovery() {
        // Per ACK, with DeliveredData = 1 segment each: while pipe > ssthresh, sndcnt = CEIL(prr_delivered · 6/9)
        // − prr_out (in bytes, so a fraction of a segment waits): SACK 1-4 allows 0.33 segment, SACK 1-5 one
        // segment (12), SACK 1-6 0.67. At SACK 1-7 pipe = 6 = ssthresh: PRR-CRB allows ssthresh − pipe = 0.
        // Then pipe = 5: one each (13, 14), and the cumulative ACK, a safe ACK, one more (15).
        assertEquals(List.of(List.of(10), List.of(11), List.of(0), List.of(), List.of(12), List.of(), List.of(),
                List.of(13), List.of(14), List.of(15)), recovery(true));
    }

    @Test
    void withoutPrrTheSenderFallsSilentUntilPipeDrainsBelowSsthresh() {
        // RFC 6675 §5: cwnd = ssthresh = 6 at once; pipe = 9 after the fast retransmit and new data waits until
        // three more SACKs took it below 6, then goes one for one.
        assertEquals(List.of(List.of(10), List.of(11), List.of(0), List.of(), List.of(), List.of(),
                List.of(12), List.of(13), List.of(14), List.of(15)), recovery(false));
    }
}
