package io.tunstack.core.link;

import io.netty.buffer.ByteBuf;

/**
 * A decorator that only looks at the packets passing through, never keeping or changing them (a capture, a
 * tracker). It passes the stack's lending ({@link #transmit}, {@link #reclaim}) and the inner link's checksum
 * validation straight through, so watching a TUN link costs it no reference counting, no buffer allocation and
 * no checksum pass a packet.
 */
public abstract class ObservingLink extends LinkDecorator {

    protected ObservingLink(PacketLink inner) {
        super(inner);
    }

    /** Sees a packet the inner link received, before the stack does; it must not keep it. */
    protected abstract void received(ByteBuf packet);

    /** Sees a packet on its way to the inner link; it must not keep it. */
    protected abstract void sending(ByteBuf packet);

    @Override
    public final ByteBuf receive() {
        ByteBuf packet = inner.receive();
        if (packet != null) {
            received(packet);
        }
        return packet;
    }

    @Override
    public final void send(ByteBuf packet) {
        sending(packet);
        inner.send(packet);
    }

    @Override
    public final void transmit(ByteBuf packet) {
        sending(packet);
        inner.transmit(packet);
    }

    @Override
    public final void reclaim(ByteBuf packet) {
        inner.reclaim(packet);
    }

    /** Watching changes no byte: the inner link's word stands. */
    @Override
    public final boolean checksumValidated() {
        return inner.checksumValidated();
    }
}
