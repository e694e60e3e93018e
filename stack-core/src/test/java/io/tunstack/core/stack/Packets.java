package io.tunstack.core.stack;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Header;

/** Builds IPv4 test packets the way a peer would send them. */
final class Packets {
    private Packets() {
    }

    /** A well-formed IPv4 packet around {@code payload} (not consumed). */
    static ByteBuf ipv4(int src, int dst, int protocol, ByteBuf payload) {
        Ipv4Header header = new Ipv4Header();
        header.totalLength = Ipv4Header.MIN_LENGTH + payload.readableBytes();
        header.ttl = 64;
        header.protocol = protocol;
        header.srcAddr = src;
        header.dstAddr = dst;
        header.identification = 0x1234;
        ByteBuf packet = Unpooled.buffer(header.totalLength);
        header.writeTo(packet, 0);
        packet.writerIndex(Ipv4Header.MIN_LENGTH);
        packet.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        return packet;
    }

    static ByteBuf echoRequest(int src, int dst, int identifier, int sequence, byte[] data) {
        ByteBuf icmp = Unpooled.buffer();
        IcmpPacket.writeEchoRequest(icmp, identifier, sequence, Unpooled.wrappedBuffer(data));
        try {
            return ipv4(src, dst, IpProtocol.ICMP, icmp);
        } finally {
            icmp.release();
        }
    }
}
