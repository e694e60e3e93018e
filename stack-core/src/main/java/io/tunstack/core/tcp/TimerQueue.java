package io.tunstack.core.tcp;

import java.util.Arrays;

/**
 * An indexed binary min-heap of elements by {@link TimerEntry#deadline}: peek O(1), update and remove
 * O(log n), so the layer never scans all connections to find what is due.
 */
final class TimerQueue<T extends TimerEntry> {
    private TimerEntry[] heap = new TimerEntry[16];
    private int size;

    int size() {
        return size;
    }

    /** The earliest deadline, {@link Long#MAX_VALUE} when empty. */
    long earliestDeadline() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadline;
    }

    @SuppressWarnings("unchecked")
    T peek() {
        return size == 0 ? null : (T) heap[0];
    }

    /** Sets {@code e}'s deadline and places it; MAX_VALUE removes it from the queue. */
    void schedule(T e, long deadline) {
        e.deadline = deadline;
        if (deadline == Long.MAX_VALUE) {
            remove(e);
        } else if (e.queueIndex < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            e.queueIndex = size;
            heap[size++] = e;
            siftUp(e.queueIndex);
        } else {
            siftDown(siftUp(e.queueIndex));
        }
    }

    void remove(T e) {
        int i = e.queueIndex;
        if (i < 0) {
            return;
        }
        e.queueIndex = -1;
        size--;
        if (i != size) {
            TimerEntry last = heap[size];
            heap[i] = last;
            last.queueIndex = i;
            siftDown(siftUp(i));
        }
        heap[size] = null;
    }

    private int siftUp(int index) {
        int i = index;
        TimerEntry e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent].deadline <= e.deadline) {
                break;
            }
            place(heap[parent], i);
            i = parent;
        }
        place(e, i);
        return i;
    }

    private void siftDown(int index) {
        int i = index;
        TimerEntry e = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].deadline < heap[child].deadline) {
                child++;
            }
            if (e.deadline <= heap[child].deadline) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(e, i);
    }

    private void place(TimerEntry e, int i) {
        heap[i] = e;
        e.queueIndex = i;
    }
}
