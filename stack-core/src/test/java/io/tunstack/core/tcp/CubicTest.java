package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CUBIC (RFC 9438) window arithmetic, driven one round trip of ACKs at a time. */
class CubicTest {
    private static final int MSS = 1000;
    private static final long MS = 1_000_000L;

    private final Cubic cc = new Cubic(MSS, 0);
    private int ack;
    private long now;

    @Test
    void aCongestionEventKeepsSeventyPercent() {
        growTo(100);
        congestionEvent();
        assertEquals(70 * MSS, cc.ssthresh());
        assertEquals(70 * MSS, cc.cwnd());
    }

    @Test
    void theWindowRegainsWmaxAfterKConcaveThenProbesBeyondItConvex() {
        growTo(100);
        congestionEvent();
        cc.onRttSample(100 * MS, 100 * MS);
        // K = cbrt((W_max − cwnd) / C) = cbrt(30 / 0.4) ≈ 4.22 s.
        double firstSecond = segmentsAfter(1000, 100) - 70;
        double atK = segmentsAfter(3217, 100);
        assertTrue(Math.abs(atK - 100) <= 3, "W_max regained after K: " + atK);
        assertTrue(firstSecond > 10, "fast growth far below W_max: " + firstSecond);
        double plateau = segmentsAfter(1000, 100) - atK;
        assertTrue(plateau < 2, "flat around W_max: " + plateau);
        double beyond = segmentsAfter(2000, 100) - atK - plateau;
        assertTrue(beyond > 2 * plateau + 2, "convex probing beyond W_max: " + beyond);
    }

    @Test
    void fastConvergenceRemembersLessThanTheWindowWhenItShrankSinceTheLastEvent() {
        growTo(100);
        congestionEvent();
        cc.onRttSample(100 * MS, 100 * MS);
        segmentsAfter(2000, 100); // well below W_max = 100 again
        int before = cc.cwnd() / MSS;
        assertTrue(before < 100, "still below the old W_max: " + before);
        congestionEvent();
        // W_max = cwnd · (1 + β) / 2, K = cbrt((W_max − β·cwnd) / C): the curve flattens there, not at 'before'.
        // A long RTT keeps the Reno-friendly estimate below the curve.
        cc.onRttSample(300 * MS, 300 * MS);
        double wMax = before * (1 + Cubic.BETA) / 2;
        double k = Math.cbrt((wMax - cc.cwnd() / (double) MSS) / Cubic.C);
        double atK = segmentsAfter(Math.round(k * 1000), 300);
        assertTrue(Math.abs(atK - wMax) <= 3, "plateau at " + wMax + ", got " + atK);
    }

    @Test
    void withShortRttsTheRenoFriendlyEstimateLeads() {
        growTo(20);
        congestionEvent();
        cc.onRttSample(MS, MS);
        // 500 round trips of 1 ms: W_cubic(0.5 s) is still about 17 segments; Reno would be near 500.
        double window = segmentsAfter(500, 1);
        assertTrue(window > 400, "grows one segment per RTT like Reno: " + window);
    }

    @Test
    void undoRestoresTheWindowAndTheCurve() {
        growTo(100);
        congestionEvent();
        cc.undo();
        assertEquals(100 * MSS, cc.cwnd());
        cc.onRttSample(100 * MS, 100 * MS);
        congestionEvent();
        // The restored W_max of 100 is not more than the window at this event: no fast convergence.
        assertEquals(70 * MSS, cc.cwnd());
        double atK = segmentsAfter(4217, 100);
        assertTrue(Math.abs(atK - 100) <= 3, "the curve aims at W_max = 100 again: " + atK);
    }

    @Test
    void isRegisteredByName() {
        assertTrue(CongestionControls.factory("CUBIC").create(MSS, 0) instanceof Cubic);
    }

    /** Slow start up to {@code segments}. */
    private void growTo(int segments) {
        while (cc.cwnd() < segments * MSS) {
            ack(Math.min(MSS, segments * MSS - cc.cwnd()));
        }
        assertEquals(segments * MSS, cc.cwnd());
    }

    /** SACK recovery for a window of losses, then the ACK that ends it. */
    private void congestionEvent() {
        int flight = cc.cwnd();
        assertTrue(cc.onEnterRecovery(ack, ack + flight, flight));
        ack += flight;
        cc.onAck(ack, flight, cc.ssthresh(), true, now);
    }

    /** Every RTT acknowledges a whole window for {@code millis}; returns the window in segments. */
    private double segmentsAfter(long millis, long rttMillis) {
        for (long t = 0; t < millis; t += rttMillis) {
            now += rttMillis * MS;
            int window = cc.cwnd();
            for (int acked = 0; acked < window; acked += MSS) {
                ack(MSS);
            }
        }
        return cc.cwnd() / (double) MSS;
    }

    private void ack(int bytes) {
        ack += bytes;
        cc.onAck(ack, bytes, cc.cwnd(), true, now);
    }
}
