package io.tunstack.core.time;

/** Monotonic time source for the stack; virtual in simulations, {@link System#nanoTime()} otherwise. */
public interface Clock {
    long nanoTime();
}
