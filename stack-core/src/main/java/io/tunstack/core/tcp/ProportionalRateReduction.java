package io.tunstack.core.tcp;

/**
 * Proportional Rate Reduction (RFC 9937 §4), which decides how much each ACK lets a SACK sender transmit during
 * loss recovery. Without it, cwnd drops to ssthresh at once and the sender falls silent until pipe has drained
 * below it, then follows one for one; with it, the data in flight falls smoothly from the FlightSize at the loss
 * (RecoverFS) to ssthresh over the recovery, in proportion to the data delivered (PRR), and when losses have taken
 * pipe below ssthresh it grows back no faster than slow start would (the conservative bound PRR-CRB, plus one SMSS
 * per ACK once recovery makes progress, PRR-SSRB).
 *
 * <p>The connection calls {@link #start} when recovery begins, {@link #onAck} on every ACK of the recovery (the
 * one that starts it included), and {@link #onSent} for every byte it transmits during it; the window
 * {@link #onAck} returns replaces cwnd for the sending that ACK allows. Recovery's end hands cwnd back to the
 * congestion control.
 */
final class ProportionalRateReduction {
    private final int smss;
    private long ssthresh;
    /** RecoverFS: the data outstanding and not yet delivered when recovery started. */
    private long recoverFs;
    /** prr_delivered: bytes the receiver got (cumulatively or by SACK) since recovery started. */
    private long delivered;
    /** prr_out: bytes sent (new or again) since recovery started. */
    private long sent;

    ProportionalRateReduction(int smss) {
        this.smss = smss;
    }

    /**
     * Recovery starts with the congestion control's new {@code ssthresh} and RecoverFS = SND.NXT − SND.UNA less
     * what the scoreboard already holds as SACKed ({@code recoverFs}).
     */
    void start(int ssthresh, long recoverFs) {
        this.ssthresh = ssthresh;
        this.recoverFs = Math.max(recoverFs, 1);
        this.delivered = 0;
        this.sent = 0;
    }

    /**
     * One ACK of the recovery: {@code deliveredData} bytes newly acknowledged or SACKed by it, {@code pipe} the
     * RFC 6675 estimate after it, {@code safeAck} true when it moved SND.UNA and indicated no further loss.
     * Returns the window for the sending this ACK allows: pipe + sndcnt.
     */
    long onAck(long deliveredData, long pipe, boolean safeAck) {
        if (deliveredData <= 0) {
            return pipe; // RFC 9937 §6.2: an ACK that delivers nothing sends nothing
        }
        delivered += deliveredData;
        long sndcnt;
        if (pipe > ssthresh) {
            // Proportional Rate Reduction: sndcnt = CEIL(prr_delivered · ssthresh / RecoverFS) − prr_out.
            sndcnt = (delivered * ssthresh + recoverFs - 1) / recoverFs - sent;
        } else {
            // PRR-CRB, with one SMSS more per ACK (PRR-SSRB) while recovery progresses; never beyond ssthresh.
            sndcnt = Math.max(delivered - sent, deliveredData) + (safeAck ? smss : 0);
            sndcnt = Math.min(ssthresh - pipe, sndcnt);
        }
        if (sent == 0 && sndcnt <= 0) {
            sndcnt = smss; // the fast retransmit goes out on the ACK that starts recovery, whatever the numbers
        }
        return pipe + Math.max(sndcnt, 0);
    }

    /** {@code bytes} left during recovery (prr_out). */
    void onSent(int bytes) {
        sent += bytes;
    }
}
