package io.tunstack.bench.tcp;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.link.SynchronousLink;
import io.tunstack.core.stack.IpOutput;

/**
 * A link with no device behind it, handling buffers as {@code TunLink} does: {@link #receive} hands out the one
 * packet queued by {@link #deliver} as if read into the link's receive buffer, which the stack hands back
 * ({@link #reclaim}) for the next read; {@link #transmit} notes the size of what the stack sends and is done with
 * it on return, as a TUN write is.
 */
final class LoopbackLink extends SynchronousLink {
    private static final int MTU = 1500;
    private static final int DATA_OFFSET_INDEX = IpOutput.IPV4_HEADER_LENGTH + 12;

    private ByteBuf next;
    private long packetsSent;
    private long payloadBytesSent;

    /**
     * Queues {@code packet} (an IPv4 datagram starting at index 0) for the next receive, lent as the link's receive
     * buffer; the stack narrows the indices to the payload, so they are reset here.
     */
    void deliver(ByteBuf packet) {
        next = packet.setIndex(0, packet.getUnsignedShort(2));
    }

    /** Packets the stack transmitted so far. */
    long packetsSent() {
        return packetsSent;
    }

    /** TCP payload bytes transmitted so far. */
    long payloadBytesSent() {
        return payloadBytesSent;
    }

    @Override
    public ByteBuf receive() {
        ByteBuf packet = next;
        next = null;
        return packet;
    }

    /** As {@code TunLink}, which reads the next datagram into this buffer unless the stack kept a reference. */
    @Override
    public void reclaim(ByteBuf packet) {
        if (packet.refCnt() != 1) {
            throw new IllegalStateException("the stack kept a reference to a received packet");
        }
    }

    @Override
    public void transmit(ByteBuf packet) {
        packetsSent++;
        int tcpHeaderLength = (packet.getUnsignedByte(packet.readerIndex() + DATA_OFFSET_INDEX) >>> 4) * 4;
        payloadBytesSent += packet.readableBytes() - IpOutput.IPV4_HEADER_LENGTH - tcpHeaderLength;
    }

    @Override
    public void await(long timeoutNanos) {
    }

    @Override
    public void wakeup() {
    }

    @Override
    public int mtu() {
        return MTU;
    }

    @Override
    public void close() {
    }
}
