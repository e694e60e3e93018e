package io.tunstack.core.tcp;

/**
 * The sender's SACK scoreboard (RFC 6675 §3-§4): which sequence ranges above SND.UNA the peer reported holding,
 * as at most {@code maxRanges} disjoint, non-adjacent ranges sorted in two arrays. Every range lies within
 * SND.UNA..SND.MAX, less than 2^31 wide, so {@link SeqNum} comparisons order them. Nothing allocates after
 * construction; a block that would need a range beyond the limit is dropped, which only under-reports SACKed
 * data (it may be resent, never skipped).
 */
final class SackScoreboard {
    /** RFC 6675 §2 DupThresh. */
    static final int DUP_THRESH = 3;

    private final int[] starts;
    private final int[] ends;
    private int count;

    SackScoreboard(int maxRanges) {
        starts = new int[maxRanges];
        ends = new int[maxRanges];
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Forgets every SACKed range (the peer reneged, RFC 2018 §8). */
    void clear() {
        count = 0;
    }

    /** The octets in the recorded ranges. */
    long sackedBytes() {
        long total = 0;
        for (int k = 0; k < count; k++) {
            total += ends[k] - starts[k];
        }
        return total;
    }

    /** True when a recorded range starts exactly at {@code seq}. */
    boolean startsAt(int seq) {
        for (int k = 0; k < count; k++) {
            if (starts[k] == seq) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 6675 §4 Update(): drops what {@code sndUna} acknowledges cumulatively, then records the {@code n}
     * blocks. Blocks not within SND.UNA..SND.MAX are ignored, which covers D-SACK blocks below SND.UNA
     * (RFC 2883 §4) and bogus ones. Returns true when some octet was SACKed for the first time.
     */
    boolean update(int sndUna, int sndMax, int[] left, int[] right, int n) {
        advance(sndUna);
        boolean grew = false;
        for (int b = 0; b < n; b++) {
            if (SeqNum.le(sndUna, left[b]) && SeqNum.lt(left[b], right[b]) && SeqNum.le(right[b], sndMax)) {
                grew |= add(left[b], right[b]);
            }
        }
        return grew;
    }

    /**
     * RFC 6675 §4 IsLost(seq): DupThresh discontiguous SACKed ranges above {@code seq}, or more than
     * (DupThresh − 1)·SMSS SACKed octets above it.
     */
    boolean isLost(int seq, int smss) {
        int ranges = 0;
        long octets = 0;
        for (int k = count - 1; k >= 0 && SeqNum.gt(ends[k], seq + 1); k--) {
            ranges++;
            octets += ends[k] - SeqNum.max(starts[k], seq + 1);
        }
        return lost(ranges, octets, smss);
    }

    /**
     * RFC 6675 §4 SetPipe(): every unSACKed octet in SND.UNA..HighData counts once unless IsLost, and once more
     * when it was retransmitted (below {@code highRxt}, the end of the highest retransmission). IsLost is the
     * same for every octet of one hole, so the walk goes hole by hole, from the top.
     */
    int pipe(int sndUna, int sndMax, int highRxt, int smss) {
        long pipe = 0;
        long sackedAbove = 0;
        int holeEnd = sndMax;
        for (int k = count - 1; k >= -1; k--) {
            int holeStart = k >= 0 ? ends[k] : sndUna;
            if (!lost(count - 1 - k, sackedAbove, smss)) {
                pipe += holeEnd - holeStart;
            }
            pipe += Math.max(0, SeqNum.min(holeEnd, highRxt) - holeStart);
            if (k >= 0) {
                sackedAbove += ends[k] - starts[k];
                holeEnd = starts[k];
            }
        }
        return (int) Math.min(pipe, Integer.MAX_VALUE);
    }

    /**
     * RFC 6675 §4 NextSeg() rule 1 ({@code lostOnly}) or rule 3: the distance from {@code from} (HighRxt, at
     * least SND.UNA) to the first unSACKed octet at or above it and below the highest SACKed octet, provided
     * rule 1's IsLost holds when asked; -1 when there is none. Rule 2 (new data) is the caller's.
     */
    int nextHole(int from, int smss, boolean lostOnly) {
        if (count == 0) {
            return -1;
        }
        int seq = nextUnsacked(from);
        if (!SeqNum.lt(seq, ends[count - 1]) || (lostOnly && !isLost(seq, smss))) {
            return -1;
        }
        return seq - from;
    }

    /** The first octet at or above {@code seq} that is not SACKed. */
    int nextUnsacked(int seq) {
        for (int k = 0; k < count && SeqNum.le(starts[k], seq); k++) {
            if (SeqNum.lt(seq, ends[k])) {
                return ends[k];
            }
        }
        return seq;
    }

    /** Octets from the unSACKed {@code seq} up to the next SACKed range; Integer.MAX_VALUE when none follows. */
    int unsackedLength(int seq) {
        for (int k = 0; k < count; k++) {
            if (SeqNum.gt(starts[k], seq)) {
                return starts[k] - seq;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The IsLost rule for an octet with {@code ranges} SACKed ranges and {@code octets} SACKed octets above. */
    private static boolean lost(int ranges, long octets, int smss) {
        return ranges >= DUP_THRESH || octets > (long) (DUP_THRESH - 1) * smss;
    }

    /** Drops ranges below {@code sndUna} and trims one that straddles it. */
    private void advance(int sndUna) {
        int gone = 0;
        while (gone < count && SeqNum.le(ends[gone], sndUna)) {
            gone++;
        }
        remove(0, gone);
        if (count > 0 && SeqNum.lt(starts[0], sndUna)) {
            starts[0] = sndUna;
        }
    }

    /** Merges [start, end) into the ranges it touches; true when it covered octets not SACKed before. */
    private boolean add(int start, int end) {
        int i = 0;
        while (i < count && SeqNum.lt(ends[i], start)) {
            i++;
        }
        int j = i;
        while (j < count && SeqNum.le(starts[j], end)) {
            j++;
        }
        if (i == j) {
            if (count == starts.length) {
                return false;
            }
            System.arraycopy(starts, i, starts, i + 1, count - i);
            System.arraycopy(ends, i, ends, i + 1, count - i);
            starts[i] = start;
            ends[i] = end;
            count++;
            return true;
        }
        boolean grew = SeqNum.lt(start, starts[i]) || SeqNum.gt(end, ends[j - 1]) || j - i > 1;
        starts[i] = SeqNum.min(start, starts[i]);
        ends[i] = SeqNum.max(end, ends[j - 1]);
        remove(i + 1, j - i - 1);
        return grew;
    }

    private void remove(int from, int n) {
        if (n == 0) {
            return;
        }
        System.arraycopy(starts, from + n, starts, from, count - from - n);
        System.arraycopy(ends, from + n, ends, from, count - from - n);
        count -= n;
    }
}
