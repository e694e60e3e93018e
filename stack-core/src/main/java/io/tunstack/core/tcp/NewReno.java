package io.tunstack.core.tcp;

/**
 * NewReno: RFC 5681 congestion control with RFC 6582's fast recovery (in {@link LossBasedControl}): a congestion
 * event halves the window (RFC 5681 equation (4)), and congestion avoidance adds one SMSS per cwnd of
 * acknowledged bytes (RFC 3465 §2.1).
 */
public final class NewReno extends LossBasedControl {
    /** RFC 3465 §2.1: bytes acknowledged since cwnd last grew in congestion avoidance. */
    private int bytesAckedInAvoidance;

    public NewReno(int smss, int iss) {
        super(smss, iss);
    }

    /** RFC 3465 §2.1 congestion avoidance: one SMSS per cwnd bytes acknowledged. */
    @Override
    protected void congestionAvoidance(int bytesAcked, long nowNanos) {
        bytesAckedInAvoidance += bytesAcked;
        if (bytesAckedInAvoidance >= cwnd) {
            bytesAckedInAvoidance -= cwnd;
            cwnd = saturatedAdd(cwnd, smss);
        }
    }

    /** RFC 5681 equation (4): ssthresh = max(FlightSize / 2, 2·SMSS). */
    @Override
    protected int reducedWindow(int window) {
        return Math.max(window / 2, 2 * smss);
    }

    @Override
    protected void restartAvoidance() {
        bytesAckedInAvoidance = 0;
    }

    @Override
    protected void undoReduction() {
        // nothing beyond cwnd and ssthresh
    }
}
