package io.tunstack.bench.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.stack.IpOutput;
import io.tunstack.core.wire.Checksum;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.core.wire.TcpHeader;

/**
 * One IPv4 datagram carrying a TCP segment from the peer, built once and then re-sent with new sequence and
 * acknowledgment numbers. Field changes patch the TCP checksum incrementally (RFC 1624), so preparing the next
 * segment costs a few nanoseconds and the stack under test still verifies a correct checksum.
 */
final class PeerPacket {
    private static final int SEQ_OFFSET = IpOutput.IPV4_HEADER_LENGTH + 4;
    private static final int ACK_OFFSET = IpOutput.IPV4_HEADER_LENGTH + 8;
    private static final int CHECKSUM_OFFSET = IpOutput.IPV4_HEADER_LENGTH + 16;

    private final ByteBuf packet;

    /** A datagram from {@code src} to {@code dst} with the segment {@code tcp} describes and {@code payload}. */
    PeerPacket(int src, int dst, TcpHeader tcp, byte[] payload) {
        packet = Unpooled.directBuffer(Ipv4Header.MIN_LENGTH + TcpHeader.MAX_LENGTH + payload.length);
        packet.writerIndex(IpOutput.IPV4_HEADER_LENGTH);
        int headerLength = tcp.writeTo(packet);
        packet.writeBytes(payload);
        TcpHeader.fillChecksum(packet, IpOutput.IPV4_HEADER_LENGTH, headerLength + payload.length, src, dst);
        Ipv4Header ip = new Ipv4Header();
        ip.totalLength = packet.writerIndex();
        ip.flags = Ipv4Header.FLAG_DF;
        ip.ttl = 64;
        ip.protocol = IpProtocol.TCP;
        ip.srcAddr = src;
        ip.dstAddr = dst;
        ip.writeTo(packet, 0);
    }

    /** The whole datagram; the caller must not release it. */
    ByteBuf buffer() {
        return packet;
    }

    int seq() {
        return packet.getInt(SEQ_OFFSET);
    }

    void seq(int seq) {
        patch(SEQ_OFFSET, seq);
    }

    int ack() {
        return packet.getInt(ACK_OFFSET);
    }

    void ack(int ack) {
        patch(ACK_OFFSET, ack);
    }

    private void patch(int offset, int value) {
        int old = packet.getInt(offset);
        packet.setInt(offset, value);
        packet.setShort(CHECKSUM_OFFSET, Checksum.update32(packet.getUnsignedShort(CHECKSUM_OFFSET), old, value));
    }

    void release() {
        packet.release();
    }
}
