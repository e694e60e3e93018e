package io.tunstack.core.wire;

import static io.tunstack.core.wire.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IcmpPacketTest {

    /** An echo request as sent by Linux ping: id 0x1c2b, seq 1, 8-byte timestamp + 0x10..0x37 pattern. */
    private static final String PING = "08 00 0000 1c 2b 00 01 63 5e 2a 66 00 00 00 00 95 2a 0b 00 00 00 00 00"
            + " 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27"
            + " 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35 36 37";

    private final IcmpPacket icmp = new IcmpPacket();

    private static ByteBuf ping() {
        ByteBuf buf = hex(PING);
        buf.setShort(2, Bytes.referenceChecksum(buf, 0, buf.readableBytes()));
        return buf;
    }

    @Test
    void parsesEchoRequest() {
        ByteBuf buf = ping();
        assertNull(icmp.parse(buf, 0, 64));
        assertTrue(icmp.isEchoRequest());
        assertEquals(IcmpPacket.TYPE_ECHO_REQUEST, icmp.type);
        assertEquals(0, icmp.code);
        assertEquals(buf.getUnsignedShort(2), icmp.checksum);
        assertEquals(0x1c2b, icmp.identifier);
        assertEquals(1, icmp.sequence);
        assertEquals("icmp type 8 code 0 id 7211 seq 1", icmp.toString());
    }

    @Test
    void rewritesEchoRequestAsReplyWithIncrementalChecksum() {
        ByteBuf buf = ping();
        IcmpPacket.rewriteAsEchoReply(buf, 0);
        assertNull(icmp.parse(buf, 0, 64));
        assertEquals(IcmpPacket.TYPE_ECHO_REPLY, icmp.type);
        assertFalse(icmp.isEchoRequest());
        assertEquals(0x1c2b, icmp.identifier);
        assertEquals(1, icmp.sequence);
        ByteBuf expected = ping().setByte(0, 0);
        expected.setShort(2, 0).setShort(2, Bytes.referenceChecksum(expected, 0, 64));
        assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(buf));
    }

    @Test
    void echoReplyChecksumMatchesRecomputationOnRandomPayloads() {
        Random random = new Random(792);
        for (int n = 0; n < 1000; n++) {
            byte[] payload = new byte[random.nextInt(100)];
            random.nextBytes(payload);
            ByteBuf buf = Unpooled.buffer();
            IcmpPacket.writeEchoRequest(buf, random.nextInt(65536), random.nextInt(65536), Unpooled.wrappedBuffer(payload));
            IcmpPacket.rewriteAsEchoReply(buf, 0);
            int incremental = buf.getUnsignedShort(2);
            buf.setShort(2, 0);
            assertEquals(Bytes.referenceChecksum(buf, 0, buf.readableBytes()), incremental, "case " + n);
        }
    }

    @Test
    void buildsEchoRequest() {
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        ByteBuf out = Unpooled.buffer().writeZero(5);
        assertEquals(11, IcmpPacket.writeEchoRequest(out, 0xabcd, 0x0102, payload));
        assertEquals(3, payload.readableBytes(), "payload is not consumed");
        assertNull(icmp.parse(out, 5, 11));
        assertTrue(icmp.isEchoRequest());
        assertEquals(0xabcd, icmp.identifier);
        assertEquals(0x0102, icmp.sequence);
        assertEquals("0800", ByteBufUtil.hexDump(out, 5, 2));
        assertEquals("abcd0102010203", ByteBufUtil.hexDump(out, 9, 7));
    }

    @Test
    void buildsDestinationUnreachableQuotingHeaderAndEightBytes() {
        ByteBuf original = hex("45 00 00 30 12 34 40 00 40 11 0000 0a 00 00 01 0a 00 00 02"
                + " d4 31 00 35 00 1c 00 00 de ad be ef ca fe ba be 01 02 03 04 05 06 07 08 09 0a 0b 0c");
        original.setShort(10, Bytes.referenceChecksum(original, 0, 20));
        ByteBuf out = Unpooled.buffer();
        assertEquals(8 + 28, IcmpPacket.writeDestinationUnreachable(out, IcmpPacket.CODE_PORT_UNREACHABLE, original));
        assertEquals(48, original.readableBytes(), "original is not consumed");
        assertNull(icmp.parse(out, 0, 36));
        assertEquals(IcmpPacket.TYPE_DESTINATION_UNREACHABLE, icmp.type);
        assertEquals(IcmpPacket.CODE_PORT_UNREACHABLE, icmp.code);
        assertEquals(0, out.getInt(4), "unused field is zero");
        assertEquals(ByteBufUtil.hexDump(original, 0, 28), ByteBufUtil.hexDump(out, 8, 28));
    }

    @Test
    void destinationUnreachableQuotesShortDatagramWhole() {
        ByteBuf original = hex("45 00 00 16 00 00 00 00 40 11 0000 0a 00 00 01 0a 00 00 02 d4 31");
        ByteBuf out = Unpooled.buffer();
        assertEquals(8 + 22, IcmpPacket.writeDestinationUnreachable(out, IcmpPacket.CODE_HOST_UNREACHABLE, original));
        assertNull(icmp.parse(out, 0, 30));
    }

    @Test
    void rejectsTruncatedMessage() {
        assertEquals(WireError.TRUNCATED, icmp.parse(ping(), 0, 7));
        assertEquals(WireError.TRUNCATED, icmp.parse(ping(), 0, 65), "length beyond the buffer");
        assertEquals(WireError.TRUNCATED, icmp.parse(ping(), -1, 8));
    }

    @Test
    void rejectsBadChecksum() {
        ByteBuf buf = ping();
        buf.setByte(63, 0);
        assertEquals(WireError.BAD_CHECKSUM, icmp.parse(buf, 0, 64));
    }
}
