package io.tunstack.core.link;

import io.netty.buffer.ByteBuf;

/** Base for links that wrap another link and look at or change the packets passing through. */
public abstract class LinkDecorator implements PacketLink {
    protected final PacketLink inner;

    protected LinkDecorator(PacketLink inner) {
        this.inner = inner;
    }

    @Override
    public ByteBuf receive() {
        return inner.receive();
    }

    @Override
    public void send(ByteBuf packet) {
        inner.send(packet);
    }

    @Override
    public void await(long timeoutNanos) {
        inner.await(timeoutNanos);
    }

    @Override
    public void wakeup() {
        inner.wakeup();
    }

    @Override
    public int mtu() {
        return inner.mtu();
    }

    @Override
    public long nextDeadline() {
        return inner.nextDeadline();
    }

    @Override
    public void close() {
        inner.close();
    }
}
