package io.tunstack.core.tcp;

/**
 * Which bytes beyond RCV.NXT have arrived: at most {@code maxRanges} disjoint, non-adjacent ranges kept sorted
 * in two arrays, found by binary search. Positions are 64-bit stream offsets so they never wrap; overlapping and
 * duplicate segments merge into the ranges they touch, so each segment costs O(log n) plus the ranges it
 * swallows. The payload bytes themselves already sit in the {@link ReceiveBuffer}.
 */
final class Reassembly {
    private final long[] starts;
    private final long[] ends;
    private int count;
    /** Stream offset of RCV.NXT. */
    private long front;
    /** Stream offset of the most recently added bytes, for the first SACK block (RFC 2018 §4). */
    private long latest;

    Reassembly(int maxRanges) {
        starts = new long[maxRanges];
        ends = new long[maxRanges];
    }

    boolean isEmpty() {
        return count == 0;
    }

    int rangeCount() {
        return count;
    }

    /**
     * Records {@code len} bytes at {@code offset} ≥ 0 past RCV.NXT.
     *
     * @return bytes that became contiguous at RCV.NXT (the caller advances RCV.NXT by that), or -1 when the
     *         bytes would need a new range beyond the limit and were not recorded
     */
    int add(int offset, int len) {
        if (len <= 0) {
            return 0;
        }
        long start = front + offset;
        long end = start + len;
        int i = firstEndingAtOrAfter(start);
        int j = i;
        while (j < count && starts[j] <= end) {
            j++;
        }
        if (i == j) {
            if (start == front) {
                front = end;
                return len;
            }
            if (count == starts.length) {
                return -1;
            }
            System.arraycopy(starts, i, starts, i + 1, count - i);
            System.arraycopy(ends, i, ends, i + 1, count - i);
            starts[i] = start;
            ends[i] = end;
            count++;
        } else {
            starts[i] = Math.min(start, starts[i]);
            ends[i] = Math.max(end, ends[j - 1]);
            remove(i + 1, j - i - 1);
        }
        latest = start;
        if (starts[0] == front) {
            long advanced = ends[0] - front;
            front = ends[0];
            remove(0, 1);
            return (int) advanced;
        }
        return 0;
    }

    /** True when every one of {@code len} bytes at {@code offset} past RCV.NXT is already held. */
    boolean holds(int offset, int len) {
        long start = front + offset;
        int i = firstEndingAtOrAfter(start + len);
        return i < count && starts[i] <= start;
    }

    /**
     * Writes up to {@code max} SACK blocks (RFC 2018 §4: the block holding the latest segment first, then the
     * others in sequence order) as sequence numbers relative to {@code rcvNxt}; returns how many.
     */
    int sackBlocks(int rcvNxt, int[] left, int[] right, int max) {
        int n = 0;
        int first = firstEndingAtOrAfter(latest);
        if (first == count || starts[first] > latest) {
            first = -1;
        } else if (max > 0) {
            left[n] = rcvNxt + (int) (starts[first] - front);
            right[n] = rcvNxt + (int) (ends[first] - front);
            n++;
        }
        for (int k = 0; k < count && n < max; k++) {
            if (k != first) {
                left[n] = rcvNxt + (int) (starts[k] - front);
                right[n] = rcvNxt + (int) (ends[k] - front);
                n++;
            }
        }
        return n;
    }

    /** Binary search over the sorted range ends. */
    private int firstEndingAtOrAfter(long position) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] < position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
