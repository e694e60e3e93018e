package io.tunstack.core.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.core.wire.UdpHeader;

/** Builds IPv4/UDP packets the way a peer sends them, and checks and takes apart the ones the stack sent. */
public final class Datagrams {
    private Datagrams() {
    }

    /** A UDP datagram in a well-formed IPv4 packet, with a correct UDP checksum. {@code payload} is not consumed. */
    public static ByteBuf udp(int src, int srcPort, int dst, int dstPort, ByteBuf payload) {
        int length = UdpHeader.LENGTH + payload.readableBytes();
        ByteBuf packet = Unpooled.buffer(Ipv4Header.MIN_LENGTH + length);
        Ipv4Header ip = new Ipv4Header();
        ip.totalLength = Ipv4Header.MIN_LENGTH + length;
        ip.ttl = 64;
        ip.identification = 0x4321;
        ip.protocol = IpProtocol.UDP;
        ip.srcAddr = src;
        ip.dstAddr = dst;
        ip.writeTo(packet, 0);
        packet.writerIndex(Ipv4Header.MIN_LENGTH);
        UdpHeader udp = new UdpHeader();
        udp.srcPort = srcPort;
        udp.dstPort = dstPort;
        udp.length = length;
        udp.writeTo(packet);
        packet.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        UdpHeader.fillChecksum(packet, Ipv4Header.MIN_LENGTH, length, src, dst);
        return packet;
    }

    public static ByteBuf udp(int src, int srcPort, int dst, int dstPort, byte[] payload) {
        return udp(src, srcPort, dst, dstPort, Unpooled.wrappedBuffer(payload));
    }

    /** A datagram the stack sent, checked for valid IPv4 and UDP checksums. */
    public record Sent(Ipv4Header ip, UdpHeader udp, byte[] payload) {
    }

    /** Parses and releases {@code packet}, asserting it is a valid UDP datagram. */
    public static Sent parse(ByteBuf packet) {
        assertNotNull(packet, "the stack sent a packet");
        try {
            Ipv4Header ip = new Ipv4Header();
            assertNull(ip.parse(packet), "valid IPv4 header");
            assertEquals(IpProtocol.UDP, ip.protocol, "a UDP datagram");
            UdpHeader udp = new UdpHeader();
            int offset = packet.readerIndex() + ip.headerLength();
            assertNull(udp.parse(packet, offset, ip.payloadLength(), ip.srcAddr, ip.dstAddr, true),
                    "valid UDP header and checksum");
            assertNotEquals(0, udp.checksum, "the stack always computes the UDP checksum");
            return new Sent(ip, udp, ByteBufUtil.getBytes(packet, offset + UdpHeader.LENGTH, udp.payloadLength()));
        } finally {
            packet.release();
        }
    }
}
