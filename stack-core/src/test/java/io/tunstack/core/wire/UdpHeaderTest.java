package io.tunstack.core.wire;

import static io.tunstack.core.wire.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class UdpHeaderTest {

    private static final int SRC = Ipv4Address.parse("10.0.0.1");
    private static final int DST = Ipv4Address.parse("10.0.0.2");

    private final UdpHeader udp = new UdpHeader();

    /** A DNS-like datagram 54321 → 53 with a 4-byte payload, checksum filled. */
    private static ByteBuf datagram() {
        ByteBuf buf = hex("d4 31 00 35 00 0c 0000 ca fe ba be");
        UdpHeader.fillChecksum(buf, 0, 12, SRC, DST);
        return buf;
    }

    @Test
    void checksumCoversPseudoHeader() {
        ByteBuf pseudoAndDatagram = pseudoHeader(12).writeBytes(datagram());
        assertEquals(0, Bytes.referenceChecksum(pseudoAndDatagram, 0, 24));
    }

    @Test
    void roundTrips() {
        udp.srcPort = 54321;
        udp.dstPort = 53;
        udp.length = 12;
        ByteBuf out = Unpooled.buffer().writeZero(3);
        udp.writeTo(out);
        out.writeInt(0xcafebabe);
        UdpHeader.fillChecksum(out, 3, 12, SRC, DST);

        UdpHeader parsed = new UdpHeader();
        assertNull(parsed.parse(out, 3, 12, SRC, DST, true));
        assertEquals(54321, parsed.srcPort);
        assertEquals(53, parsed.dstPort);
        assertEquals(12, parsed.length);
        assertEquals(4, parsed.payloadLength());
        assertEquals("udp 54321 > 53 len 12", parsed.toString());
    }

    @Test
    void computedZeroIsSentAsAllOnes() {
        ByteBuf buf = hex("00 07 00 09 00 0a 0000 0000");
        // Choose the last data word so that pseudo-header + datagram already sum to 0xFFFF: the checksum is 0.
        int rest = Bytes.referenceSum(pseudoHeader(10).writeBytes(buf, 0, 8), 0, 20);
        buf.setShort(8, ~rest & 0xFFFF);
        UdpHeader.fillChecksum(buf, 0, 10, SRC, DST);
        assertEquals(0xFFFF, buf.getUnsignedShort(6));
        assertNull(udp.parse(buf, 0, 10, SRC, DST, true));
    }

    @Test
    void zeroChecksumMeansNone() {
        ByteBuf buf = datagram().setShort(6, 0);
        assertNull(udp.parse(buf, 0, 12, SRC, DST, true));
        assertEquals(0, udp.checksum);
    }

    @Test
    void ignoresBytesBeyondLengthField() {
        ByteBuf buf = datagram().writeZero(6);
        assertNull(udp.parse(buf, 0, 18, SRC, DST, true));
        assertEquals(12, udp.length);
    }

    @Test
    void rejectsTruncatedHeader() {
        assertEquals(WireError.TRUNCATED, udp.parse(datagram(), 0, 7, SRC, DST, true));
        assertEquals(WireError.TRUNCATED, udp.parse(datagram(), 0, 13, SRC, DST, true), "beyond the buffer");
    }

    @Test
    void rejectsLengthFieldOutOfRange() {
        assertEquals(WireError.BAD_LENGTH, udp.parse(datagram().setShort(4, 7), 0, 12, SRC, DST, false));
        assertEquals(WireError.BAD_LENGTH, udp.parse(datagram().setShort(4, 13), 0, 12, SRC, DST, false));
    }

    @Test
    void rejectsBadChecksumOnlyWhenVerifying() {
        assertEquals(WireError.BAD_CHECKSUM, udp.parse(datagram(), 0, 12, SRC, DST ^ 1, true));
        assertNull(udp.parse(datagram(), 0, 12, SRC, DST ^ 1, false));
    }

    /** RFC 768 pseudo-header: source, destination, zero, protocol, UDP length. */
    private static ByteBuf pseudoHeader(int udpLength) {
        return Unpooled.buffer().writeInt(SRC).writeInt(DST).writeByte(0).writeByte(IpProtocol.UDP).writeShort(udpLength);
    }
}
