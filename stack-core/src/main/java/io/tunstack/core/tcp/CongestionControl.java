package io.tunstack.core.tcp;

/**
 * A sender-side congestion control algorithm (RFC 5681 framework). The connection detects losses (duplicate
 * ACKs, timeouts) and asks the algorithm how cwnd and ssthresh change; the algorithm never sends segments.
 * All sizes are bytes; sequence numbers are raw 32-bit values.
 */
public interface CongestionControl {
    /** Congestion window, bytes. */
    int cwnd();

    /** Slow start threshold, bytes. */
    int ssthresh();

    /** True between entering fast recovery (or SACK-based loss recovery) and the ACK that ends it. */
    boolean inRecovery();

    /**
     * SND.UNA advanced to {@code ack}, acknowledging {@code bytesAcked} new bytes; {@code flightSize} is what
     * remains outstanding. {@code validated} is false in RFC 7661's non-validated phase, when the sender did not
     * use its cwnd: cwnd must not grow then. Returns true for a partial ACK in fast recovery: the caller must
     * retransmit the first unacknowledged segment (RFC 6582 §3.2 step 3).
     */
    boolean onAck(int ack, int bytesAcked, int flightSize, boolean validated, long nowNanos);

    /**
     * The third duplicate ACK arrived (RFC 5681 §3.2 step 2). Returns true when fast recovery starts and the
     * caller must retransmit the first unacknowledged segment.
     */
    boolean onTripleDupAck(int ack, int sndMax, int flightSize);

    /**
     * SACK-based loss recovery starts (RFC 6675 §5 step 4): cwnd and ssthresh both take this algorithm's reduced
     * window, and cwnd holds through partial ACKs (the sender's pipe estimate paces it) until an ACK covers
     * {@code sndMax}, the RecoveryPoint. Returns false and changes nothing when recovery is already on, or when
     * {@code ack} does not pass the previous recovery point (one reduction per window of data).
     */
    boolean onEnterRecovery(int ack, int sndMax, int flightSize);

    /** A further duplicate ACK while in fast recovery (RFC 5681 §3.2 step 4). */
    void onDupAckInRecovery();

    /**
     * The retransmission timer expired (RFC 5681 §3.1); {@code firstTimeout} is false when the same segment
     * already timed out before, in which case ssthresh is held.
     */
    void onRetransmitTimeout(int sndMax, int flightSize, boolean firstTimeout);

    /**
     * A loss was repaired by a Tail Loss Probe retransmission without loss recovery (RFC 8985 §7.4): reduce the
     * window once, as a loss in this window calls for, without entering recovery.
     */
    void onLossRepairedByProbe();

    /**
     * The last reduction (fast recovery, TLP repair or timeout) proved spurious (RFC 3708 D-SACK or RFC 3522
     * timestamp detection): cwnd and ssthresh return to their values before it (the RFC 4015 response) and
     * recovery ends.
     */
    void undo();

    /** The sender stayed RFC 7661's non-validated phase for its whole duration: reduce the unused cwnd (§4.4.2). */
    void onNvpEnd();

    /** Sending resumes after an idle period longer than the RTO (RFC 5681 §4.1). */
    void onIdleRestart();

    /** An RTT sample was taken (RFC 6298); {@code srttNanos} is the smoothed RTT after it. Ignored by default. */
    default void onRttSample(long rttNanos, long srttNanos) {
    }
}
