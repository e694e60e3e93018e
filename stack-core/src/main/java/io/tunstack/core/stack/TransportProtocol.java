package io.tunstack.core.stack;

import io.netty.buffer.ByteBuf;

/** A transport layer (TCP, UDP) as the IPv4 layer sees it: input, and timers that run on the event loop. */
public interface TransportProtocol {
    /**
     * One received segment: readable bytes are the transport header and payload. The stack keeps
     * ownership of {@code segment}; retain it to keep the bytes.
     */
    void input(int srcAddr, int dstAddr, ByteBuf segment, long nowNanos);

    /** The earliest time {@link #onTimer} must run, or {@link Long#MAX_VALUE} when no timer is armed. */
    long nextDeadline();

    /** Runs every timer due at {@code nowNanos}. */
    void onTimer(long nowNanos);
}
