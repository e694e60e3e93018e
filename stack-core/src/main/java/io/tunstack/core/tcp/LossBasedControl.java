package io.tunstack.core.tcp;

/**
 * The loss-based window machinery NewReno and CUBIC share: slow start with appropriate byte counting (RFC 3465,
 * L = 2·SMSS), fast retransmit / fast recovery of RFC 5681 §3.2 with the partial-ACK handling of RFC 6582, the
 * initial window of RFC 6928, timeouts, undo and RFC 7661's reduction. A subclass decides how far a congestion
 * event reduces the window ({@link #reducedWindow}) and how the window grows in congestion avoidance
 * ({@link #congestionAvoidance}). With SACK the connection runs RFC 6675 loss recovery and asks only for the
 * reduction ({@link #onEnterRecovery}).
 */
abstract class LossBasedControl implements CongestionControl {
    protected final int smss;
    protected int cwnd;
    private int ssthresh = Integer.MAX_VALUE;
    /**
     * RFC 6582 §3.2 "recover", kept as the acknowledgment number that covers the highest sequence number sent
     * when the last loss was detected (SND.NXT at that time).
     */
    private int recover;
    private boolean inRecovery;
    /** The current recovery is RFC 6675's: no window inflation or partial-ACK deflation. */
    private boolean sackRecovery;
    /** cwnd and ssthresh before the last reduction, for {@link #undo}. */
    private int priorCwnd;
    private int priorSsthresh = Integer.MAX_VALUE;

    protected LossBasedControl(int smss, int iss) {
        this.smss = smss;
        this.cwnd = initialWindow(smss);
        this.recover = iss;
    }

    /** RFC 6928 §2: IW = min(10·MSS, max(2·MSS, 14600)). */
    static int initialWindow(int smss) {
        return Math.min(10 * smss, Math.max(2 * smss, 14600));
    }

    @Override
    public int cwnd() {
        return cwnd;
    }

    @Override
    public int ssthresh() {
        return ssthresh;
    }

    @Override
    public boolean inRecovery() {
        return inRecovery;
    }

    @Override
    public boolean onAck(int ack, int bytesAcked, int flightSize, boolean validated, long nowNanos) {
        if (inRecovery) {
            if (SeqNum.ge(ack, recover)) {
                // RFC 6582 §3.2 step 3, full acknowledgment of everything up to and including "recover":
                // deflate to min(ssthresh, max(FlightSize, SMSS) + SMSS).
                cwnd = Math.min(ssthresh, Math.max(flightSize, smss) + smss);
                inRecovery = false;
                restartAvoidance();
                return false;
            }
            if (sackRecovery) {
                // RFC 6675 §5: cwnd stays at ssthresh; the pipe estimate decides what goes out.
                return false;
            }
            // Partial acknowledgment: deflate by the newly acknowledged data, add back one SMSS if at least
            // that much was acknowledged, and retransmit the next hole.
            cwnd = Math.max(smss, cwnd - bytesAcked + (bytesAcked >= smss ? smss : 0));
            return true;
        }
        if (!validated) {
            return false; // RFC 7661 §4.3: no growth of a cwnd the sender does not use
        }
        if (cwnd < ssthresh) {
            // RFC 3465 §2.2 slow start: grow by the bytes acknowledged, at most L = 2·SMSS per ACK.
            cwnd = saturatedAdd(cwnd, Math.min(bytesAcked, 2 * smss));
        } else {
            congestionAvoidance(bytesAcked, nowNanos);
        }
        return false;
    }

    /** Congestion avoidance: {@code bytesAcked} new bytes acknowledged with cwnd at or above ssthresh. */
    protected abstract void congestionAvoidance(int bytesAcked, long nowNanos);

    /**
     * The window a congestion event leaves, from the FlightSize (or, after a tail loss, the cwnd) at the
     * event; also the moment a subclass learns of the event, with {@link #cwnd} still the window before it.
     */
    protected abstract int reducedWindow(int window);

    /** Congestion avoidance starts afresh: after a reduction, a timeout, an undo or an idle period. */
    protected abstract void restartAvoidance();

    /** The state a subclass keeps about the last reduction is restored with cwnd and ssthresh ({@link #undo}). */
    protected abstract void undoReduction();

    @Override
    public boolean onTripleDupAck(int ack, int sndMax, int flightSize) {
        if (!startRecovery(ack, sndMax, flightSize, false)) {
            return false;
        }
        cwnd = ssthresh + 3 * smss;
        return true;
    }

    @Override
    public boolean onEnterRecovery(int ack, int sndMax, int flightSize) {
        if (!startRecovery(ack, sndMax, flightSize, true)) {
            return false;
        }
        cwnd = ssthresh; // RFC 6675 §5 step (4.2)
        return true;
    }

    /**
     * Halves ssthresh and records "recover", so one window of losses triggers one reduction: without SACK only
     * when the cumulative ACK covers more than "recover" (RFC 6582 §3.2 step 2); with SACK once it reaches the
     * RecoveryPoint (RFC 6675 §5.1), since SACK tells a new loss from the old window's duplicates.
     */
    private boolean startRecovery(int ack, int sndMax, int flightSize, boolean sack) {
        if (inRecovery || (sack ? SeqNum.lt(ack, recover) : !SeqNum.gt(ack, recover))) {
            return false;
        }
        remember();
        ssthresh = reducedWindow(flightSize);
        recover = sndMax;
        inRecovery = true;
        sackRecovery = sack;
        return true;
    }

    @Override
    public void onDupAckInRecovery() {
        cwnd = saturatedAdd(cwnd, smss);
    }

    @Override
    public void onRetransmitTimeout(int sndMax, int flightSize, boolean firstTimeout) {
        if (firstTimeout) {
            remember();
            ssthresh = reducedWindow(flightSize);
        }
        cwnd = smss;
        recover = sndMax;
        inRecovery = false;
        restartAvoidance();
    }

    @Override
    public void onLossRepairedByProbe() {
        if (inRecovery) {
            return;
        }
        // The reduction applied to the window in use: FlightSize after a tail loss is no measure of it.
        remember();
        ssthresh = reducedWindow(cwnd);
        cwnd = ssthresh;
        restartAvoidance();
    }

    @Override
    public void undo() {
        // RFC 4015 §3.2 / RFC 3708: restore what the spurious reduction took, never shrinking what grew since.
        cwnd = Math.max(cwnd, priorCwnd);
        ssthresh = Math.max(ssthresh, priorSsthresh);
        inRecovery = false;
        undoReduction();
        restartAvoidance();
    }

    private void remember() {
        priorCwnd = cwnd;
        priorSsthresh = ssthresh;
    }

    @Override
    public void onNvpEnd() {
        // RFC 7661 §4.4.2: ssthresh = max(ssthresh, 3/4·cwnd), cwnd = max(1/2·cwnd, IW).
        ssthresh = Math.max(ssthresh, (int) (cwnd * 3L / 4));
        cwnd = Math.max(cwnd / 2, initialWindow(smss));
        restartAvoidance();
    }

    @Override
    public void onIdleRestart() {
        cwnd = Math.min(cwnd, initialWindow(smss));
        restartAvoidance();
    }

    protected static int saturatedAdd(int a, int b) {
        int sum = a + b;
        return sum < 0 ? Integer.MAX_VALUE : sum;
    }
}
