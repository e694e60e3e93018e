package io.tunstack.core.stack;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.wire.Checksum;
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

    /**
     * An ICMP error of {@code type}/{@code code} from {@code reporter} to {@code dst} quoting {@code original}'s
     * first {@code quoted} octets, with {@code nextHopMtu} in the low half of the second word (RFC 1191).
     */
    static ByteBuf icmpError(int reporter, int dst, int type, int code, int nextHopMtu, ByteBuf original, int quoted) {
        ByteBuf icmp = Unpooled.buffer();
        icmp.writeByte(type).writeByte(code).writeShort(0).writeShort(0).writeShort(nextHopMtu);
        icmp.writeBytes(original, original.readerIndex(), quoted);
        icmp.setShort(2, Checksum.checksum(icmp, 0, icmp.readableBytes()));
        try {
            return ipv4(reporter, dst, IpProtocol.ICMP, icmp);
        } finally {
            icmp.release();
        }
    }
}
