package io.tunstack.core.stack;

import io.netty.buffer.ByteBuf;

/** A transport layer (TCP, UDP) as the IPv4 layer sees it: input, and timers that run on the event loop. */
public interface TransportProtocol {
    /**
     * One received segment: readable bytes are the transport header and payload. The stack keeps
     * ownership of {@code segment}; retain it to keep the bytes.
     */
    void input(int srcAddr, int dstAddr, ByteBuf segment, long nowNanos);

    /**
     * As {@link #input}, for a segment whose checksum the link validated ({@code PacketLink.checksumValidated}): a
     * transport may skip verifying it. The default verifies anyway.
     */
    default void inputValidated(int srcAddr, int dstAddr, ByteBuf segment, long nowNanos) {
        input(srcAddr, dstAddr, segment, nowNanos);
    }

    /** The earliest time {@link #onTimer} must run, or {@link Long#MAX_VALUE} when no timer is armed. */
    long nextDeadline();

    /** Runs every timer due at {@code nowNanos}. */
    void onTimer(long nowNanos);

    /**
     * An ICMP error about a datagram this transport sent: {@code quoted}'s readable bytes are the start of that
     * datagram's transport header, at least 8 octets (RFC 792), valid only during the call. RFC 1122 §4.2.3.9
     * and §4.1.3.3: the transport acts on it or passes it to the application. Ignored unless overridden.
     */
    default void icmpError(IcmpError error, ByteBuf quoted, long nowNanos) {
    }
}
