package io.tunstack.core.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tunstack.core.wire.Checksum;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.core.wire.TcpHeader;
import org.junit.jupiter.api.Test;

/** The virtio_net_hdr codec and the completion of partial checksums, without a TUN. */
class TunOffloadHeaderTest {
    private static final int SRC = Ipv4Address.parse("198.18.0.1");
    private static final int DST = Ipv4Address.parse("198.18.0.2");
    private static final int IP_HEADER = 20;

    @Test
    void headerRoundTripsLittleEndian() {
        VirtioNetHeader header = new VirtioNetHeader();
        header.flags = VirtioNetHeader.F_NEEDS_CSUM;
        header.gsoType = VirtioNetHeader.GSO_TCPV4 | VirtioNetHeader.GSO_ECN;
        header.hdrLen = 0x0034;
        header.gsoSize = 0x05A8;
        header.csumStart = 0x0014;
        header.csumOffset = 0x0010;
        ByteBuf out = Unpooled.buffer();
        header.writeTo(out);
        assertEquals(VirtioNetHeader.LENGTH, out.readableBytes());
        assertEquals("0181" + "3400" + "a805" + "1400" + "1000", ByteBufUtil.hexDump(out), "virtio 1.x le16 fields");

        VirtioNetHeader back = new VirtioNetHeader();
        ByteBuf shifted = Unpooled.buffer().writeByte(0xEE).writeBytes(out);
        back.read(shifted, 1);
        assertEquals(header.toString(), back.toString());
        assertTrue(back.needsCsum());
        assertEquals(VirtioNetHeader.GSO_TCPV4, back.gsoKind());

        back.read(Unpooled.wrappedBuffer(new byte[] {VirtioNetHeader.F_DATA_VALID, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 0);
        assertFalse(back.needsCsum(), "DATA_VALID alone: nothing to complete");
        assertEquals(VirtioNetHeader.GSO_NONE, back.gsoKind());
    }

    @Test
    void zeroHeaderMeansNoOffload() {
        ByteBuf out = Unpooled.buffer();
        new VirtioNetHeader().writeTo(out);
        assertArrayEquals(new byte[VirtioNetHeader.LENGTH], ByteBufUtil.getBytes(out));
    }

    @Test
    void completesATcpChecksumFromThePseudoHeaderSum() {
        for (int payload : new int[] {0, 1, 1447, 60_001}) {
            ByteBuf packet = tcpPacket(payload);
            int segment = packet.readableBytes() - IP_HEADER;
            int full = packet.getUnsignedShort(IP_HEADER + 16);
            // As Linux leaves it for CHECKSUM_PARTIAL (tcp_v4_send_check): the folded pseudo-header sum.
            packet.setShort(IP_HEADER + 16, Checksum.fold(Checksum.pseudoHeaderSum(SRC, DST, IpProtocol.TCP, segment)));

            assertTrue(PartialChecksum.complete(packet, IP_HEADER, 16));
            assertEquals(full, packet.getUnsignedShort(IP_HEADER + 16), "payload " + payload);
            assertNull(new TcpHeader().parse(packet, IP_HEADER, segment, SRC, DST, true));
        }
    }

    @Test
    void refusesAChecksumFieldOutsideThePacket() {
        ByteBuf packet = tcpPacket(0);
        ByteBuf before = packet.copy();
        assertFalse(PartialChecksum.complete(packet, IP_HEADER, packet.readableBytes() - IP_HEADER - 1));
        assertEquals(before, packet, "unchanged");
    }

    /** 20 zero bytes standing for the IPv4 header, then a TCP segment with a full checksum. */
    private static ByteBuf tcpPacket(int payload) {
        ByteBuf packet = Unpooled.buffer().writeZero(IP_HEADER);
        TcpHeader tcp = new TcpHeader();
        tcp.srcPort = 40000;
        tcp.dstPort = 7000;
        tcp.seq = 0x12345678;
        tcp.ack = 0x9abcdef0;
        tcp.flags = TcpHeader.ACK | TcpHeader.PSH;
        tcp.window = 512;
        tcp.writeTo(packet);
        for (int i = 0; i < payload; i++) {
            packet.writeByte(i * 31 + 7);
        }
        TcpHeader.fillChecksum(packet, IP_HEADER, packet.readableBytes() - IP_HEADER, SRC, DST);
        return packet;
    }
}
