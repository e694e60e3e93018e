package io.tunstack.core.link;

import io.netty.buffer.ByteBuf;

/**
 * A link that carries whole IPv4 packets: a TUN device, an in-memory pipe or a simulated path.
 * One thread (the stack's event loop) calls {@link #receive}, {@link #send} and {@link #await};
 * {@link #wakeup} may be called from any thread.
 */
public interface PacketLink extends AutoCloseable {
    /**
     * The next received packet, or {@code null} if none is ready. The caller owns it, and once done with it hands
     * it back through {@link #reclaim}.
     */
    ByteBuf receive();

    /**
     * Takes back a packet {@link #receive} returned, once its receiver is done with it. The default releases it;
     * a link that reads into one buffer overrides this to keep it for the next read when no one else holds a
     * reference (what the stack keeps of a packet it copies, or retains), which saves a buffer allocation and
     * the reference-count operations a packet.
     */
    default void reclaim(ByteBuf packet) {
        packet.release();
    }

    /**
     * Whether the link vouches for the transport checksum of the packet {@link #receive} returned last (receive
     * checksum offload, Linux's CHECKSUM_UNNECESSARY): the device validated it, or it came from the local kernel
     * and the link computed it. The stack then does not verify it again. False by default, and for any link that
     * may change bytes on the way.
     */
    default boolean checksumValidated() {
        return false;
    }

    /** Sends one packet (its readable bytes). Takes ownership of {@code packet}. */
    void send(ByteBuf packet);

    /**
     * Sends one packet (its readable bytes) without taking ownership: the caller keeps its reference and may write
     * the buffer again once no one else holds one. The default takes a reference for {@link #send}, so a link that
     * queues packets keeps them from reuse until it is done; a link that is done with the bytes when it returns
     * (a TUN write) overrides this and leaves the reference count, two atomic operations a packet, alone.
     */
    default void transmit(ByteBuf packet) {
        send(packet.retain());
    }

    /**
     * Blocks until a packet may be ready, {@link #wakeup} is called, or {@code timeoutNanos} passes
     * (0: do not block). Spurious returns are allowed.
     */
    void await(long timeoutNanos);

    /** Makes a concurrent or the next {@link #await} return promptly. */
    void wakeup();

    /** Largest packet the link carries, in bytes. */
    int mtu();

    /**
     * The earliest time at which the link has work of its own (a delayed packet to release), or
     * {@link Long#MAX_VALUE}. The event loop does not sleep past it.
     */
    default long nextDeadline() {
        return Long.MAX_VALUE;
    }

    @Override
    void close();
}
