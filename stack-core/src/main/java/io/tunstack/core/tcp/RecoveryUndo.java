package io.tunstack.core.tcp;

/**
 * Tells whether the last window reduction was spurious, so congestion control can undo it: every
 * retransmission of the episode reported as a duplicate by D-SACK (RFC 3708 §3), or, with timestamps, the ACK
 * that ends recovery echoing a TSval older than the first retransmission, so the original arrived (the Eifel
 * detection of RFC 3522 §2, checked where Linux checks it). An episode starts with a reduction and stays open
 * after recovery ends, since the D-SACKs of late retransmissions come later still, until the next reduction.
 */
final class RecoveryUndo {
    private boolean open;
    /** SND.UNA and SND.MAX when the episode started: D-SACKs outside this range are about other data. */
    private int undoMarker;
    private int highData;
    /** Retransmitted sequence numbers not yet reported as duplicates. */
    private long retransmitted;
    private boolean retransmittedAny;
    private boolean timestamped;
    private int firstRetransmitTsVal;

    /** A reduction happened with [sndUna, sndMax) outstanding. */
    void start(int sndUna, int sndMax) {
        open = true;
        undoMarker = sndUna;
        highData = sndMax;
        retransmitted = 0;
        retransmittedAny = false;
        timestamped = false;
    }

    /** A retransmission of {@code length} sequence numbers went out with {@code tsVal} (when {@code ts}). */
    void onRetransmit(int length, boolean ts, int tsVal) {
        if (!open) {
            return;
        }
        if (!retransmittedAny && ts) {
            timestamped = true;
            firstRetransmitTsVal = tsVal;
        }
        retransmittedAny = true;
        retransmitted += length;
    }

    /**
     * A reduction the episode cannot judge (a timeout, whose go-back-N resends what it could not tell apart, or a
     * probe's repair): the episode ends without undo.
     */
    void abandon() {
        open = false;
    }

    /** RFC 3708 §3: a D-SACK block [left, right); true when it leaves no retransmission of the episode unreported. */
    boolean onDsack(int left, int right) {
        if (!open || !retransmittedAny || SeqNum.lt(left, undoMarker) || SeqNum.gt(right, highData)) {
            return false;
        }
        retransmitted -= right - left;
        if (retransmitted > 0) {
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
        if (!open || !timestamped || !SeqNum.lt(tsEcr, firstRetransmitTsVal)) {
            return false;
        }
        open = false;
        return true;
    }
}
