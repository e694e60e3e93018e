package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RttEstimatorTest {
    private static final long MS = 1_000_000L;

    @Test
    void followsRfc6298() {
        RttEstimator e = new RttEstimator(1000 * MS, 200 * MS, 60_000 * MS);
        assertEquals(1000 * MS, e.rto());
        e.sample(400 * MS);
        assertEquals(400 * MS, e.srtt());
        assertEquals(200 * MS, e.rttvar());
        assertEquals(1200 * MS, e.rto());
        e.sample(200 * MS);
        // RTTVAR = 3/4·200 + 1/4·|400 − 200| = 200; SRTT = 7/8·400 + 1/8·200 = 375.
        assertEquals(200 * MS, e.rttvar());
        assertEquals(375 * MS, e.srtt());
        assertEquals(1175 * MS, e.rto());
    }

    @Test
    void backoffDoublesUpToTheMaximumAndASampleClearsIt() {
        RttEstimator e = new RttEstimator(1000 * MS, 200 * MS, 5000 * MS);
        e.backoff();
        assertEquals(2000 * MS, e.rto());
        e.backoff();
        e.backoff();
        assertEquals(5000 * MS, e.rto());
        e.sample(10 * MS);
        assertEquals(200 * MS, e.rto(), "clamped to the minimum");
    }
}
