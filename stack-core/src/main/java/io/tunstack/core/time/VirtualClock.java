package io.tunstack.core.time;

import java.util.concurrent.TimeUnit;

/** A clock that only moves when told to: deterministic tests and simulations. */
public final class VirtualClock implements Clock {
    private long now;

    public VirtualClock(long startNanos) {
        this.now = startNanos;
    }

    public VirtualClock() {
        this(0);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    public void advance(long amount, TimeUnit unit) {
        advanceNanos(unit.toNanos(amount));
    }

    public void advanceNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time cannot go backwards: " + nanos);
        }
        now += nanos;
    }

    /** Moves to {@code nanos} if it is later than now. */
    public void advanceTo(long nanos) {
        if (nanos > now) {
            now = nanos;
        }
    }
}
