package io.tunstack.core.stack;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** How a transport protocol hands packets to the IPv4 layer without copying. */
public interface IpOutput {
    /** Length of the IPv4 header the stack writes in front of transport data. */
    int IPV4_HEADER_LENGTH = 20;

    /**
     * A buffer for one outgoing packet, with {@link #IPV4_HEADER_LENGTH} bytes of headroom:
     * readerIndex = writerIndex = 20. The transport appends its header and payload.
     */
    ByteBuf newPacket(int transportCapacity);

    /**
     * The allocator of the host's buffers, for a transport's own long-lived ones too (TCP's send and receive
     * rings), so that one allocator, chosen with the host, holds all of its memory.
     */
    ByteBufAllocator alloc();

    /** Fills the IPv4 header in the headroom and sends the packet. Takes ownership of {@code packet}. */
    void send(int srcAddr, int dstAddr, int protocol, ByteBuf packet);
}
