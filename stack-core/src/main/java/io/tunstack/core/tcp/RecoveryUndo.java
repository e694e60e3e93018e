package io.tunstack.core.tcp;

/**
 * Tells whether the last window reduction was spurious, so congestion control can undo it: every
 * retransmission of the episode reported as a duplicate by D-SACK (RFC 3708 §3; a D-SACK counts only when it
 * covers a retransmission, so the network's own duplicates of other segments prove nothing), or, with timestamps, the ACK
 * that ends recovery echoing a TSval older than the first retransmission, so the original arrived (the Eifel
 * detection of RFC 3522 §2, checked where Linux checks it). An episode starts with a reduction and stays open
 * after recovery ends, since the D-SACKs of late retransmissions come later still, until the next reduction.
 */
final class RecoveryUndo {
    /** Retransmissions one episode tracks for D-SACK; with more, only the timestamp test can undo it. */
    private static final int MAX_RETRANSMISSIONS = 32;

    private boolean open;
    /** The retransmissions of the episode not yet reported as duplicates, [start, end) each. */
    private final int[] starts = new int[MAX_RETRANSMISSIONS];
    private final int[] ends = new int[MAX_RETRANSMISSIONS];
    private int unreported;
    private boolean retransmittedAny;
    private boolean tooMany;
    private boolean timestamped;
    private int firstRetransmitTsVal;
    /** The episode is a retransmission timeout's: the first ACK of new data after it decides (RFC 3522 §2). */
    private boolean timeout;

    /** A reduction happened: a new episode. */
    void start() {
        open = true;
        unreported = 0;
        retransmittedAny = false;
        tooMany = false;
        timestamped = false;
        timeout = false;
    }

    /**
     * A first retransmission timeout, its retransmission sent with {@code tsVal}: only the timestamp test can
     * tell it spurious (go-back-N leaves too many retransmissions to count D-SACKs for).
     */
    void startTimeout(boolean ts, int tsVal) {
        start();
        timeout = true;
        retransmittedAny = true;
        tooMany = true;
        timestamped = ts;
        firstRetransmitTsVal = tsVal;
    }

    /**
     * RFC 3522 §2 after a timeout: the first ACK of new data echoes {@code tsEcr}; true when that predates the
     * retransmission, so the original arrived and the timeout was spurious. Either way the episode ends.
     */
    boolean onAckAfterTimeout(int tsEcr) {
        if (!open || !timeout) {
            return false;
        }
        open = false;
        return timestamped && SeqNum.lt(tsEcr, firstRetransmitTsVal);
    }

    /** A retransmission of [seq, seq + length) went out with {@code tsVal} (when {@code ts}). */
    void onRetransmit(int seq, int length, boolean ts, int tsVal) {
        if (!open) {
            return;
        }
        if (!retransmittedAny && ts) {
            timestamped = true;
            firstRetransmitTsVal = tsVal;
        }
        retransmittedAny = true;
        if (unreported == MAX_RETRANSMISSIONS) {
            tooMany = true;
            return;
        }
        starts[unreported] = seq;
        ends[unreported++] = seq + length;
    }

    /** A reduction the episode cannot judge (a repeated timeout, a probe's repair): it ends without undo. */
    void abandon() {
        open = false;
    }

    /** RFC 3708 §3: a D-SACK block [left, right); true when it leaves no retransmission of the episode unreported. */
    boolean onDsack(int left, int right) {
        if (!open || !retransmittedAny || tooMany) {
            return false;
        }
        for (int i = unreported - 1; i >= 0; i--) {
            if (SeqNum.le(left, starts[i]) && SeqNum.le(ends[i], right)) {
                unreported--;
                starts[i] = starts[unreported];
                ends[i] = ends[unreported];
            }
        }
        if (unreported > 0) {
            return false;
        }
        open = false;
        return true;
    }

    /**
     * RFC 3522 §2 at the end of recovery: the ACK reaching the recovery point echoes {@code tsEcr}; true when
     * that predates the first retransmission.
     */
    boolean onRecoveryEnd(int tsEcr) {
        if (!open || timeout || !timestamped || !SeqNum.lt(tsEcr, firstRetransmitTsVal)) {
            return false;
        }
        open = false;
        return true;
    }
}
