package io.tunstack.core.wire;

import static io.tunstack.core.wire.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class Ipv4HeaderTest {

    private static final String KNOWN_HEADER = "45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7";

    private final Ipv4Header ip = new Ipv4Header();

    /** The known header followed by enough payload for its Total Length of 0x73 = 115 bytes. */
    private static ByteBuf knownDatagram() {
        ByteBuf buf = hex(KNOWN_HEADER);
        return Unpooled.buffer(115).writeBytes(buf).writeZero(115 - 20);
    }

    @Test
    void parsesKnownHeader() {
        assertNull(ip.parse(knownDatagram()));
        assertEquals(4, ip.version);
        assertEquals(5, ip.ihl);
        assertEquals(20, ip.headerLength());
        assertEquals(0, ip.optionsLength());
        assertEquals(0, ip.tos);
        assertEquals(115, ip.totalLength);
        assertEquals(95, ip.payloadLength());
        assertEquals(0, ip.identification);
        assertTrue(ip.dontFragment());
        assertFalse(ip.isFragment());
        assertEquals(64, ip.ttl);
        assertEquals(IpProtocol.UDP, ip.protocol);
        assertEquals(0xb861, ip.headerChecksum);
        assertEquals(Ipv4Address.parse("192.168.0.1"), ip.srcAddr);
        assertEquals(Ipv4Address.parse("192.168.0.199"), ip.dstAddr);
    }

    @Test
    void parsesAtReaderIndexWithoutMovingIt() {
        ByteBuf buf = Unpooled.buffer().writeZero(7).writeBytes(knownDatagram());
        buf.readerIndex(7);
        assertNull(ip.parse(buf));
        assertEquals(7, buf.readerIndex());
        assertEquals(115, ip.totalLength);
    }

    @Test
    void allowsLinkPaddingAfterTotalLength() {
        ByteBuf buf = knownDatagram().writeZero(10);
        assertNull(ip.parse(buf));
        assertEquals(115, ip.totalLength);
    }

    @Test
    void writeToProducesParseableHeaderWithCorrectChecksum() {
        ip.tos = 0xb8;
        ip.totalLength = 48;
        ip.identification = 0xbeef;
        ip.flags = Ipv4Header.FLAG_DF;
        ip.ttl = 64;
        ip.protocol = IpProtocol.TCP;
        ip.srcAddr = Ipv4Address.parse("198.18.0.2");
        ip.dstAddr = Ipv4Address.parse("10.1.2.3");
        ByteBuf buf = Unpooled.buffer(52).writeZero(52);
        ip.writeTo(buf, 4);
        assertEquals(0, buf.readerIndex());
        assertEquals(0, Bytes.referenceChecksum(buf, 4, 20));

        Ipv4Header parsed = new Ipv4Header();
        buf.readerIndex(4);
        assertNull(parsed.parse(buf));
        assertEquals(0xb8, parsed.tos);
        assertEquals(46, parsed.dscp());
        assertEquals(0, parsed.ecn());
        assertEquals(48, parsed.totalLength);
        assertEquals(0xbeef, parsed.identification);
        assertTrue(parsed.dontFragment());
        assertEquals(64, parsed.ttl);
        assertEquals(IpProtocol.TCP, parsed.protocol);
        assertEquals(ip.srcAddr, parsed.srcAddr);
        assertEquals(ip.dstAddr, parsed.dstAddr);
        assertEquals("198.18.0.2 > 10.1.2.3 proto 6 len 48 ttl 64 id 48879 DF", parsed.toString());
    }

    @Test
    void acceptsOptionsCoveredByTheChecksum() {
        ByteBuf buf = hex("46 00 00 18 00 01 00 00 40 01 0000 0a 00 00 01 0a 00 00 02 94 04 00 00");
        buf.setShort(10, Bytes.referenceChecksum(buf, 0, 24));
        assertNull(ip.parse(buf));
        assertEquals(24, ip.headerLength());
        assertEquals(4, ip.optionsLength());
        assertEquals(0, ip.payloadLength());
    }

    @Test
    void rejectsCorruptOptions() {
        ByteBuf buf = hex("46 00 00 18 00 01 00 00 40 01 0000 0a 00 00 01 0a 00 00 02 94 04 00 00");
        buf.setShort(10, Bytes.referenceChecksum(buf, 0, 24));
        buf.setByte(23, 1);
        assertEquals(WireError.BAD_CHECKSUM, ip.parse(buf));
    }

    @Test
    void reportsFragmentsWithoutRejectingThem() {
        ByteBuf moreFragments = knownDatagram();
        rewrite(moreFragments, 6, 0x2000);
        assertNull(ip.parse(moreFragments));
        assertTrue(ip.isFragment());

        ByteBuf lastFragment = knownDatagram();
        rewrite(lastFragment, 6, 0x00b9);
        assertNull(ip.parse(lastFragment));
        assertTrue(ip.isFragment());
        assertEquals(0xb9, ip.fragmentOffset);
    }

    @Test
    void rejectsShortBuffer() {
        assertEquals(WireError.TRUNCATED, ip.parse(hex(KNOWN_HEADER).writerIndex(19)));
        assertEquals(WireError.TRUNCATED, ip.parse(Unpooled.EMPTY_BUFFER));
    }

    @Test
    void rejectsVersion6() {
        ByteBuf buf = knownDatagram();
        buf.setByte(0, 0x65);
        assertEquals(WireError.BAD_VERSION, ip.parse(buf));
    }

    @Test
    void rejectsIhlBelowFive() {
        ByteBuf buf = knownDatagram();
        buf.setByte(0, 0x44);
        assertEquals(WireError.BAD_IHL, ip.parse(buf));
    }

    @Test
    void rejectsTotalLengthShorterThanHeaderOrLongerThanReceived() {
        ByteBuf shorter = knownDatagram();
        rewrite(shorter, 2, 19);
        assertEquals(WireError.BAD_TOTAL_LENGTH, ip.parse(shorter));

        ByteBuf longer = knownDatagram();
        rewrite(longer, 2, 116);
        assertEquals(WireError.BAD_TOTAL_LENGTH, ip.parse(longer));

        ByteBuf optionsBeyondTotal = knownDatagram();
        optionsBeyondTotal.setByte(0, 0x4f);
        rewrite(optionsBeyondTotal, 2, 40);
        assertEquals(WireError.BAD_TOTAL_LENGTH, ip.parse(optionsBeyondTotal));
    }

    @Test
    void rejectsBadChecksum() {
        ByteBuf buf = knownDatagram();
        buf.setByte(8, 63);
        assertEquals(WireError.BAD_CHECKSUM, ip.parse(buf));
    }

    /** Changes one header word and fixes the header checksum, so only the intended field is wrong. */
    private static void rewrite(ByteBuf buf, int index, int word) {
        buf.setShort(index, word);
        buf.setShort(10, 0);
        buf.setShort(10, Bytes.referenceChecksum(buf, 0, (buf.getByte(0) & 0x0F) * 4));
    }
}
