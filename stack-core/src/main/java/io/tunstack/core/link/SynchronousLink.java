package io.tunstack.core.link;

import io.netty.buffer.ByteBuf;

/**
 * A link that is done with a packet's bytes when it returns from sending it (a TUN write): it only borrows what
 * it transmits, and {@link #send} is {@link #transmit} followed by the release of the packet handed over.
 */
public abstract class SynchronousLink implements PacketLink {

    @Override
    public final void send(ByteBuf packet) {
        try {
            transmit(packet);
        } finally {
            packet.release();
        }
    }

    /** Writes the packet's readable bytes out before returning; the reference count is left alone. */
    @Override
    public abstract void transmit(ByteBuf packet);
}
