package io.tunstack.core.tcp;

/**
 * RACK-TLP loss detection (RFC 8985) for one SACK connection: every segment in flight with its transmit time,
 * the RACK state that marks a segment lost once a segment sent sufficiently later was delivered (§6), and the
 * Tail Loss Probe state (§7). It only decides which segments are lost and when timers fire; the connection
 * sends, and the {@link CongestionControl} reacts.
 *
 * <p>The segments are kept in sequence order in plain arrays, the live ones at [head, head + count). Appending
 * and dropping acknowledged segments are O(1); a retransmission that does not match the original boundaries
 * splits a segment. Nothing allocates unless more segments are in flight than ever before.
 */
final class RackTlp {
    private static final byte RETRANSMITTED = 1;
    private static final byte LOST = 2;
    private static final byte SACKED = 4;
    /** RFC 8985 §6.2 step 4: DSACK-free recoveries after which reo_wnd falls back to min_RTT / 4. */
    private static final int REO_WND_PERSIST = 16;
    /** RFC 8985 §7.2 TLP.max_ack_delay: the peer's delayed-ACK budget when one segment is in flight. */
    static final long TLP_MAX_ACK_DELAY_NANOS = 200_000_000L;
    /** A floor under the PTO (as Linux keeps) so that a sub-millisecond SRTT does not probe every flight. */
    private static final long PTO_MIN_NANOS = 10_000_000L;
    /** RFC 8985 §7.2: the PTO before any RTT sample. */
    private static final long PTO_WITHOUT_SRTT_NANOS = 1_000_000_000L;
    /** How long one minimum RTT measurement stays valid (as Linux's tcp_min_rtt_wlen). */
    private static final long MIN_RTT_WINDOW_NANOS = 300_000_000_000L;
    private static final long NEVER = Long.MAX_VALUE;

    private int[] starts;
    private int[] ends;
    private long[] xmitTs;
    private byte[] flags;
    private int head;
    private int count;
    /** Bytes of whole SACKed segments and of segments marked lost and not yet retransmitted. */
    private long sackedBytes;
    private long lostBytes;
    private int segsSacked;

    // RFC 8985 §6.1 RACK state.
    private long rackXmitTs = Long.MIN_VALUE;
    private int rackEndSeq;
    private long rackRtt;
    private long minRtt = NEVER;
    private long minRttStamp;
    private int rackFack;
    private boolean reorderingSeen;
    private int reoWndMult = 1;
    private int reoWndPersist;
    private boolean dsackRoundActive;
    private int dsackRound;
    private long reoWnd;
    /** The RACK reordering timer (§6.2 step 5), NEVER when off. */
    private long reoTimerAt = NEVER;

    // RFC 8985 §7.1 TLP state.
    private boolean tlpOutstanding;
    private boolean tlpIsRetrans;
    private int tlpEndSeq;
    /** The first and last sequence number of a TLP retransmission, to recognise its D-SACK (§7.4). */
    private int tlpSeq;
    private long ptoAt = NEVER;

    /** RTO recovery (§6.3): from a retransmission timeout until SND.UNA passes what was sent before it. */
    private boolean rtoRecovery;
    private int rtoRecoveryPoint;

    /** {@code handshakeRtt} seeds RACK.min_RTT (§6.2 step 1), NEVER without a sample. */
    RackTlp(int sndUna, int initialCapacity, long handshakeRtt, long now) {
        int capacity = Math.max(16, initialCapacity);
        starts = new int[capacity];
        ends = new int[capacity];
        xmitTs = new long[capacity];
        flags = new byte[capacity];
        rackFack = sndUna;
        rackEndSeq = sndUna;
        minRtt = handshakeRtt;
        minRttStamp = now;
    }

    // ------------------------------------------------------------------------------------------------
    // Transmission (§6.2 "Upon transmitting a data segment")
    // ------------------------------------------------------------------------------------------------

    /**
     * The sender put [seq, end) on the wire at {@code now}: new data is appended; data sent before gets the new
     * Segment.xmit_ts, is marked retransmitted and is no longer lost.
     */
    void onTransmit(int seq, int end, long now) {
        if (count == 0 || SeqNum.ge(seq, ends[head + count - 1])) {
            append(seq, end, now);
            return;
        }
        if (head + count + 2 > starts.length) {
            makeRoom(); // for the two splits below
        }
        int i = find(seq);
        if (i < 0) {
            return; // already acknowledged
        }
        if (SeqNum.lt(starts[i], seq)) {
            split(i, seq);
            i++;
        }
        for (int last = head + count; i < last && SeqNum.lt(starts[i], end); i++) {
            if (SeqNum.gt(ends[i], end)) {
                split(i, end);
                last++;
            }
            if ((flags[i] & SACKED) != 0) {
                continue;
            }
            if ((flags[i] & LOST) != 0) {
                lostBytes -= ends[i] - starts[i];
            }
            flags[i] = RETRANSMITTED;
            xmitTs[i] = now;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // ACK processing (§6.2 steps 2 - 5)
    // ------------------------------------------------------------------------------------------------

    /**
     * One ACK: SND.UNA moved to {@code sndUna}, {@code blocks} are its SACK blocks without any D-SACK block,
     * {@code dsack} tells whether it carried one, {@code echoTick} is its timestamp echo on our millisecond
     * tick scale (Long.MIN_VALUE without timestamps). Runs RACK_update, RACK_detect_reordering and
     * RACK_detect_loss_and_arm_timer; returns true when some segment was newly marked lost.
     */
    boolean onAck(int sndUna, int sndNxt, int[] left, int[] right, int blocks, boolean dsack, long echoTick,
                  long srtt, boolean inRecovery, long now) {
        // Cumulatively acknowledged segments, in sequence order.
        while (count > 0 && SeqNum.le(ends[head], sndUna)) {
            if ((flags[head] & SACKED) == 0) {
                delivered(head, echoTick, now);
            } else {
                sackedBytes -= ends[head] - starts[head];
                segsSacked--;
            }
            if ((flags[head] & LOST) != 0) {
                lostBytes -= ends[head] - starts[head];
            }
            head++;
            count--;
        }
        if (count > 0 && SeqNum.lt(starts[head], sndUna)) {
            trimFront(sndUna);
        }
        if (count == 0) {
            head = 0;
        }
        // Selectively acknowledged ones, in ascending order so RACK.fack sees them as sent (§6.2 step 3).
        sortBlocks(left, right, blocks);
        for (int b = 0; b < blocks; b++) {
            sack(left[b], right[b], echoTick, now);
        }
        if (rtoRecovery && SeqNum.ge(sndUna, rtoRecoveryPoint)) {
            rtoRecovery = false;
            recoveryEnded();
        }
        updateReoWnd(sndUna, sndNxt, dsack, srtt, inRecovery || rtoRecovery);
        return detectLossAndArmTimer(now);
    }

    /** RACK_update (§6.2 step 2) and RACK_detect_reordering (step 3) for the newly delivered segment i. */
    private void delivered(int i, long echoTick, long now) {
        long rtt = now - xmitTs[i];
        boolean retransmitted = (flags[i] & RETRANSMITTED) != 0;
        if (!retransmitted) {
            if (rtt <= minRtt || now - minRttStamp > MIN_RTT_WINDOW_NANOS) {
                // §6.2 step 1: RACK.min_RTT from unambiguous measurements.
                minRtt = rtt;
                minRttStamp = now;
            }
            if (SeqNum.lt(ends[i], rackFack)) {
                reorderingSeen = true;
            }
        }
        if (SeqNum.gt(ends[i], rackFack)) {
            rackFack = ends[i];
        }
        if (retransmitted && ((echoTick != Long.MIN_VALUE && echoTick < xmitTs[i] / TcpConnection.TIMESTAMP_TICK_NANOS)
                || rtt < minRtt)) {
            return; // the ACK may be for the original transmission: ambiguous
        }
        if (sentAfter(xmitTs[i], ends[i], rackXmitTs, rackEndSeq)) {
            rackXmitTs = xmitTs[i];
            rackEndSeq = ends[i];
            rackRtt = rtt;
        }
    }

    /** Marks the segments wholly inside [left, right) SACKed. */
    private void sack(int left, int right, long echoTick, long now) {
        int i = find(left);
        if (i < 0) {
            i = head;
        }
        for (int last = head + count; i < last && SeqNum.le(ends[i], right); i++) {
            if (SeqNum.lt(starts[i], left) || (flags[i] & SACKED) != 0) {
                continue;
            }
            delivered(i, echoTick, now);
            if ((flags[i] & LOST) != 0) {
                lostBytes -= ends[i] - starts[i];
            }
            flags[i] = (byte) ((flags[i] & RETRANSMITTED) | SACKED);
            sackedBytes += ends[i] - starts[i];
            segsSacked++;
        }
    }

    /** RACK_update_reo_wnd (§6.2 step 4). */
    private void updateReoWnd(int sndUna, int sndNxt, boolean dsack, long srtt, boolean inRecovery) {
        if (dsackRoundActive && SeqNum.ge(sndUna, dsackRound)) {
            dsackRoundActive = false;
        }
        if (!dsackRoundActive && dsack) {
            dsackRoundActive = true;
            dsackRound = sndNxt;
            reoWndMult++;
            reoWndPersist = REO_WND_PERSIST;
        }
        if (!reorderingSeen && (inRecovery || segsSacked >= SackScoreboard.DUP_THRESH)) {
            reoWnd = 0;
        } else {
            reoWnd = Math.min(reoWndMult * (minRtt == NEVER ? 0 : minRtt) / 4, srtt);
        }
    }

    /** "Exiting Fast or RTO recovery" of §6.2 step 4: reo_wnd returns to min_RTT / 4 after 16 quiet ones. */
    void recoveryEnded() {
        if (--reoWndPersist <= 0) {
            reoWndMult = 1;
        }
    }

    /** RACK_detect_loss_and_arm_timer (§6.2 step 5); true when a segment was newly marked lost. */
    private boolean detectLossAndArmTimer(long now) {
        long timeout = 0;
        boolean marked = false;
        for (int i = head, last = head + count; i < last; i++) {
            if ((flags[i] & (SACKED | LOST)) != 0) {
                continue;
            }
            if (!sentAfter(rackXmitTs, rackEndSeq, xmitTs[i], ends[i])) {
                if ((flags[i] & RETRANSMITTED) == 0) {
                    break; // sent later than RACK.xmit_ts, and so is every original transmission above it
                }
                continue;
            }
            long remaining = xmitTs[i] + rackRtt + reoWnd - now;
            if (remaining <= 0) {
                markLost(i);
                marked = true;
            } else {
                timeout = Math.max(timeout, remaining);
            }
        }
        reoTimerAt = timeout > 0 ? now + timeout : NEVER;
        return marked;
    }

    /** The RACK reordering timer expired: detect losses again (§6.2 step 5). */
    boolean onReoTimer(long now) {
        return detectLossAndArmTimer(now);
    }

    /**
     * RACK_mark_losses_on_RTO (§6.3): the segment at SND.UNA and every one whose RACK deadline has passed are
     * lost; RTO recovery lasts until SND.UNA reaches {@code sndNxt}. Returns true when some segment is lost.
     */
    boolean onRetransmitTimeout(int sndUna, int sndNxt, long now) {
        for (int i = head, last = head + count; i < last; i++) {
            if ((flags[i] & (SACKED | LOST)) == 0
                    && (starts[i] == sndUna || xmitTs[i] + rackRtt + reoWnd - now <= 0)) {
                markLost(i);
            }
        }
        rtoRecovery = true;
        rtoRecoveryPoint = sndNxt;
        reoTimerAt = NEVER;
        ptoAt = NEVER;
        tlpOutstanding = false;
        return lostBytes > 0;
    }

    /** The retransmission timeout proved spurious (RFC 4015): what it marked lost is in flight after all. */
    void timeoutWasSpurious() {
        for (int i = head, last = head + count; i < last; i++) {
            flags[i] &= ~LOST;
        }
        lostBytes = 0;
        rtoRecovery = false;
    }

    /** The peer reneged (RFC 2018 §8): nothing counts as SACKed any more. */
    void clearSacked() {
        for (int i = head, last = head + count; i < last; i++) {
            flags[i] &= ~SACKED;
        }
        sackedBytes = 0;
        segsSacked = 0;
    }

    // ------------------------------------------------------------------------------------------------
    // What the sender asks
    // ------------------------------------------------------------------------------------------------

    /**
     * The data in the network: the outstanding bytes less those SACKed and those marked lost and not yet
     * retransmitted (RFC 6675 §4 SetPipe with RACK's loss marks; a retransmitted segment counts once).
     */
    long pipe(int flightSize) {
        return Math.max(0, flightSize - sackedBytes - lostBytes);
    }

    /** The outstanding bytes the peer SACKed. */
    long sackedBytes() {
        return sackedBytes;
    }

    boolean hasLost() {
        return lostBytes > 0;
    }

    /** The sequence number of the first segment marked lost; call only when {@link #hasLost}. */
    int firstLostSeq() {
        return starts[firstLost()];
    }

    /** The length of the first lost segment. */
    int firstLostLength() {
        int i = firstLost();
        return ends[i] - starts[i];
    }

    private int firstLost() {
        for (int i = head, last = head + count; i < last; i++) {
            if ((flags[i] & LOST) != 0) {
                return i;
            }
        }
        throw new IllegalStateException("no lost segment");
    }

    boolean inRtoRecovery() {
        return rtoRecovery;
    }

    long reoWnd() {
        return reoWnd;
    }

    long minRtt() {
        return minRtt;
    }

    boolean reorderingSeen() {
        return reorderingSeen;
    }

    /** The earliest of the reordering timer and the PTO. */
    long nextDeadline() {
        return Math.min(reoTimerAt, ptoAt);
    }

    long reoTimerAt() {
        return reoTimerAt;
    }

    long ptoAt() {
        return ptoAt;
    }

    // ------------------------------------------------------------------------------------------------
    // Tail Loss Probe (§7)
    // ------------------------------------------------------------------------------------------------

    /**
     * TLP_calc_PTO (§7.2) after new data went out or new data was acknowledged, outside fast and RTO recovery:
     * PTO = 2·SRTT (plus TLP.max_ack_delay with one segment in flight), 1 s without a sample, never after the
     * RTO would fire. {@code rtoAt} is NEVER when the retransmission timer is off.
     */
    void schedulePto(boolean hasSrtt, long srtt, int flightSize, int smss, long rtoAt, long now) {
        if (rtoRecovery || flightSize == 0) {
            ptoAt = NEVER;
            return;
        }
        long pto = hasSrtt ? 2 * srtt + (flightSize <= smss ? TLP_MAX_ACK_DELAY_NANOS : 0) : PTO_WITHOUT_SRTT_NANOS;
        pto = Math.max(pto, PTO_MIN_NANOS);
        ptoAt = Math.min(now + pto, rtoAt);
    }

    void cancelPto() {
        ptoAt = NEVER;
    }

    /** The PTO fired: true when no probe is outstanding, so one may go (§7.3: one probe per tail). */
    boolean takeProbe() {
        ptoAt = NEVER;
        return !tlpOutstanding;
    }

    /** A probe went out: new data ({@code retransmission} false) or the last segment again, ending at SND.NXT. */
    void probeSent(boolean retransmission, int seq, int sndNxt) {
        ptoAt = NEVER; // the probe itself arms no PTO (§7.2); the RTO watches it
        tlpOutstanding = true;
        tlpIsRetrans = retransmission;
        tlpSeq = seq;
        tlpEndSeq = sndNxt;
    }

    /** The last segment in flight, which a probe retransmits when no new data can go (§7.3). */
    int lastSegmentSeq() {
        return starts[head + count - 1];
    }

    int lastSegmentLength() {
        return ends[head + count - 1] - starts[head + count - 1];
    }

    boolean isEmpty() {
        return count == 0;
    }

    /**
     * TLP_process_ack (§7.4). Returns true when the probe retransmission repaired a loss, which congestion
     * control must answer with a reduction; false otherwise (also when the probe was new data or both the
     * original and the probe arrived, shown by a D-SACK of the probe).
     */
    boolean onAckForProbe(int ack, boolean dsackOfProbe, boolean dupAckWithoutSack) {
        if (!tlpOutstanding || SeqNum.lt(ack, tlpEndSeq)) {
            return false;
        }
        if (!tlpIsRetrans || dsackOfProbe) {
            tlpOutstanding = false;
            return false;
        }
        if (SeqNum.gt(ack, tlpEndSeq)) {
            tlpOutstanding = false;
            return true;
        }
        if (dupAckWithoutSack) {
            tlpOutstanding = false;
        }
        return false;
    }

    /** A tail loss probe went out and no ACK has settled it yet (§7.4). */
    boolean probeOutstanding() {
        return tlpOutstanding;
    }

    /** True when [left, right) is the D-SACK of the outstanding probe retransmission. */
    boolean isProbe(int left, int right) {
        return tlpOutstanding && tlpIsRetrans && left == tlpSeq && right == tlpEndSeq;
    }

    // ------------------------------------------------------------------------------------------------
    // Segment log
    // ------------------------------------------------------------------------------------------------

    /** RACK_sent_after (§6.2): t1 later than t2, or at the same time with a higher sequence. */
    private static boolean sentAfter(long t1, int seq1, long t2, int seq2) {
        return t1 > t2 || (t1 == t2 && SeqNum.gt(seq1, seq2));
    }

    private void markLost(int i) {
        flags[i] |= LOST;
        lostBytes += ends[i] - starts[i];
    }

    /** The index of the segment holding {@code seq}, or -1 when it lies below the first one. */
    private int find(int seq) {
        int lo = head;
        int hi = head + count - 1;
        if (count == 0 || SeqNum.lt(seq, starts[lo])) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (SeqNum.le(starts[mid], seq)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void append(int seq, int end, long now) {
        if (head + count == starts.length) {
            makeRoom();
        }
        int i = head + count;
        starts[i] = seq;
        ends[i] = end;
        xmitTs[i] = now;
        flags[i] = 0;
        count++;
    }

    /** Splits segment i at {@code seq}: both halves keep its time and flags. The caller made room. */
    private void split(int i, int seq) {
        int last = head + count;
        System.arraycopy(starts, i + 1, starts, i + 2, last - i - 1);
        System.arraycopy(ends, i, ends, i + 1, last - i);
        System.arraycopy(xmitTs, i, xmitTs, i + 1, last - i);
        System.arraycopy(flags, i, flags, i + 1, last - i);
        starts[i + 1] = seq;
        ends[i] = seq;
        count++;
    }

    /** Moves the live segments to the front, growing the arrays when more than half full. */
    private void makeRoom() {
        int capacity = count * 2 > starts.length ? starts.length * 2 : starts.length;
        starts = move(starts, capacity);
        ends = move(ends, capacity);
        xmitTs = move(xmitTs, capacity);
        flags = move(flags, capacity);
        head = 0;
    }

    private int[] move(int[] a, int capacity) {
        int[] b = capacity == a.length ? a : new int[capacity];
        System.arraycopy(a, head, b, 0, count);
        return b;
    }

    private long[] move(long[] a, int capacity) {
        long[] b = capacity == a.length ? a : new long[capacity];
        System.arraycopy(a, head, b, 0, count);
        return b;
    }

    private byte[] move(byte[] a, int capacity) {
        byte[] b = capacity == a.length ? a : new byte[capacity];
        System.arraycopy(a, head, b, 0, count);
        return b;
    }

    /** The first segment is partly acknowledged: it now starts at SND.UNA. */
    private void trimFront(int sndUna) {
        int trimmed = sndUna - starts[head];
        if ((flags[head] & LOST) != 0) {
            lostBytes -= trimmed;
        }
        if ((flags[head] & SACKED) != 0) {
            sackedBytes -= trimmed;
        }
        starts[head] = sndUna;
    }

    /** Insertion sort of the (at most four) blocks by left edge. */
    private static void sortBlocks(int[] left, int[] right, int blocks) {
        for (int i = 1; i < blocks; i++) {
            int l = left[i];
            int r = right[i];
            int j = i - 1;
            while (j >= 0 && SeqNum.gt(left[j], l)) {
                left[j + 1] = left[j];
                right[j + 1] = right[j];
                j--;
            }
            left[j + 1] = l;
            right[j + 1] = r;
        }
    }
}
