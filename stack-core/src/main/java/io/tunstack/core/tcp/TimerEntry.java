package io.tunstack.core.tcp;

/** Bookkeeping a {@link TimerQueue} keeps inside each element, so queue updates allocate nothing. */
abstract class TimerEntry {
    /** Absolute time of the element's earliest timer, {@link Long#MAX_VALUE} when none. */
    long deadline = Long.MAX_VALUE;
    /** Position in the queue's heap, -1 when not queued. */
    int queueIndex = -1;
}
