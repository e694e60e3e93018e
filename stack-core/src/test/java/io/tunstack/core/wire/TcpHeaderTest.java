package io.tunstack.core.wire;

import static io.tunstack.core.wire.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpHeaderTest {

    private static final int SRC = Ipv4Address.parse("10.0.0.1");
    private static final int DST = Ipv4Address.parse("10.0.0.2");

    /**
     * A Linux SYN 10.0.0.1:40000 → 10.0.0.2:80 as an IPv4 datagram: seq 0x5c2b1a0e, win 64240,
     * options mss 1460, sackOK, TS val 1680369 ecr 0, nop, wscale 7. Checksums (0x078f, 0x8238) were computed
     * with an independent reference implementation.
     */
    private static final String LINUX_SYN = "45 00 00 3c 1f 2b 40 00 40 06 07 8f 0a 00 00 01 0a 00 00 02"
            + " 9c 40 00 50 5c 2b 1a 0e 00 00 00 00 a0 02 fa f0 82 38 00 00"
            + " 02 04 05 b4 04 02 08 0a 00 19 a3 f1 00 00 00 00 01 03 03 07";

    private final TcpHeader tcp = new TcpHeader();

    @Test
    void parsesLinuxSyn() {
        ByteBuf packet = hex(LINUX_SYN);
        Ipv4Header ip = new Ipv4Header();
        assertNull(ip.parse(packet));
        assertEquals(IpProtocol.TCP, ip.protocol);
        assertEquals(0, Bytes.referenceChecksum(Unpooled.buffer().writeInt(SRC).writeInt(DST).writeShort(IpProtocol.TCP)
                .writeShort(40).writeBytes(packet, 20, 40), 0, 52), "reference agrees with the stored checksum");

        assertNull(tcp.parse(packet, ip.headerLength(), ip.payloadLength(), ip.srcAddr, ip.dstAddr, true));
        assertEquals(40000, tcp.srcPort);
        assertEquals(80, tcp.dstPort);
        assertEquals(0x5c2b1a0e, tcp.seq);
        assertEquals(0, tcp.ack);
        assertEquals(TcpHeader.SYN, tcp.flags);
        assertEquals(64240, tcp.window);
        assertEquals(0, tcp.urgent);
        assertEquals(40, tcp.dataOffset());
        assertEquals(1460, tcp.mss);
        assertTrue(tcp.sackPermitted);
        assertTrue(tcp.hasTimestamp);
        assertEquals(1680369, tcp.tsVal);
        assertEquals(0, tcp.tsEcr);
        assertEquals(7, tcp.windowScale);
        assertEquals(0, tcp.sackCount);
        assertEquals("40000 > 80 [S] seq 1546328590 win 64240 <mss 1460,sackOK,TS val 1680369 ecr 0,nop,wscale 7>",
                tcp.toString());
    }

    @Test
    void writesLinuxSynByteForByte() {
        ByteBuf packet = hex(LINUX_SYN);
        assertNull(tcp.parse(packet, 20, 40, SRC, DST, true));
        ByteBuf out = Unpooled.buffer();
        assertEquals(40, tcp.writeTo(out));
        TcpHeader.fillChecksum(out, 0, 40, SRC, DST);
        assertEquals(ByteBufUtil.hexDump(packet, 20, 40), ByteBufUtil.hexDump(out));
    }

    @Test
    void writeToLeavesChecksumZeroAndFillChecksumCoversPayload() {
        tcp.srcPort = 80;
        tcp.dstPort = 40000;
        tcp.seq = -1;
        tcp.ack = 0x5c2b1a0f;
        tcp.flags = TcpHeader.PSH | TcpHeader.ACK;
        tcp.window = 502;
        ByteBuf out = Unpooled.buffer().writeZero(20);
        assertEquals(20, tcp.writeTo(out));
        assertEquals(0, out.getUnsignedShort(20 + 16));
        out.writeBytes(new byte[] {'h', 'i', '!'});
        TcpHeader.fillChecksum(out, 20, 23, SRC, DST);

        TcpHeader parsed = new TcpHeader();
        assertNull(parsed.parse(out, 20, 23, SRC, DST, true));
        assertEquals(20, parsed.dataOffset());
        assertEquals(0xFFFFFFFF, parsed.seq);
        assertEquals(-1, parsed.mss);
        assertEquals(-1, parsed.windowScale);
        assertEquals("80 > 40000 [P.] seq 4294967295 ack 1546328591 win 502", parsed.toString());
    }

    @Test
    void roundTripsEveryOptionCombination() {
        int combinations = 0;
        for (int mask = 0; mask < 16; mask++) {
            for (int sackBlocks = 0; sackBlocks <= TcpHeader.MAX_SACK_BLOCKS; sackBlocks++) {
                TcpHeader sent = new TcpHeader();
                sent.srcPort = 1000 + mask;
                sent.dstPort = 443;
                sent.seq = 0x80000000 + mask;
                sent.ack = 0xfffffff0 - sackBlocks;
                sent.flags = TcpHeader.ACK | TcpHeader.ECE;
                sent.window = 65535;
                sent.mss = (mask & 1) != 0 ? 1460 : -1;
                sent.sackPermitted = (mask & 2) != 0;
                sent.hasTimestamp = (mask & 4) != 0;
                sent.tsVal = sent.hasTimestamp ? 0xdeadbeef : 0;
                sent.tsEcr = sent.hasTimestamp ? 42 : 0;
                sent.windowScale = (mask & 8) != 0 ? 14 : -1;
                sent.sackCount = sackBlocks;
                for (int b = 0; b < sackBlocks; b++) {
                    sent.sackLeft[b] = 1000 * b + 1;
                    sent.sackRight[b] = 1000 * b + 500;
                }
                ByteBuf out = Unpooled.buffer();
                int headerLength = sent.writeTo(out.writeBytes(new byte[] {9, 9}));
                out.writeBytes(new byte[] {1, 2, 3, 4, 5});
                TcpHeader.fillChecksum(out, 2, headerLength + 5, SRC, DST);
                String what = "mask " + mask + " sack " + sackBlocks;
                assertEquals(0, headerLength % 4, what);
                assertTrue(headerLength <= TcpHeader.MAX_LENGTH, what);

                assertNull(tcp.parse(out, 2, headerLength + 5, SRC, DST, true), what);
                assertEquals(headerLength, tcp.dataOffset(), what);
                assertEquals(sent.srcPort, tcp.srcPort, what);
                assertEquals(sent.dstPort, tcp.dstPort, what);
                assertEquals(sent.seq, tcp.seq, what);
                assertEquals(sent.ack, tcp.ack, what);
                assertEquals(sent.flags, tcp.flags, what);
                assertEquals(sent.window, tcp.window, what);
                assertEquals(sent.mss, tcp.mss, what);
                assertEquals(sent.sackPermitted, tcp.sackPermitted, what);
                assertEquals(sent.hasTimestamp, tcp.hasTimestamp, what);
                assertEquals(sent.tsVal, tcp.tsVal, what);
                assertEquals(sent.tsEcr, tcp.tsEcr, what);
                assertEquals(sent.windowScale, tcp.windowScale, what);
                assertTrue(tcp.sackCount <= sackBlocks, what);
                if (tcp.sackCount < sackBlocks) {
                    assertTrue(headerLength + 8 > TcpHeader.MAX_LENGTH, what + ": a dropped block would have fit");
                }
                for (int b = 0; b < tcp.sackCount; b++) {
                    assertEquals(sent.sackLeft[b], tcp.sackLeft[b], what);
                    assertEquals(sent.sackRight[b], tcp.sackRight[b], what);
                }
                combinations++;
            }
        }
        assertEquals(80, combinations);
    }

    @Test
    void fitsThreeSackBlocksWithTimestampsAndFourWithout() {
        tcp.flags = TcpHeader.ACK;
        tcp.sackCount = 4;
        assertEquals(20 + 4 + 32, tcp.writeTo(Unpooled.buffer()));
        tcp.hasTimestamp = true;
        ByteBuf out = Unpooled.buffer();
        assertEquals(20 + 12 + 4 + 24, tcp.writeTo(out));
        assertNull(new TcpHeader().parse(out, 0, 60, SRC, DST, false));
        tcp.sackLeft[0] = 100;
        tcp.sackRight[0] = 200;
        tcp.sackCount = 1;
        tcp.tsVal = 7;
        tcp.tsEcr = 3;
        assertEquals("0 > 0 [.] seq 0 ack 0 win 0 <nop,nop,TS val 7 ecr 3,nop,nop,sack 1 {100:200}>", tcp.toString());
    }

    @Test
    void clearResetsEveryOptionForReuse() {
        assertNull(tcp.parse(hex(LINUX_SYN), 20, 40, SRC, DST, true));
        ByteBuf bareAck = Unpooled.buffer();
        TcpHeader ack = new TcpHeader();
        ack.flags = TcpHeader.ACK;
        ack.writeTo(bareAck);
        assertNull(tcp.parse(bareAck, 0, 20, SRC, DST, false));
        assertEquals(-1, tcp.mss);
        assertEquals(-1, tcp.windowScale);
        assertFalse(tcp.sackPermitted);
        assertFalse(tcp.hasTimestamp);
        assertEquals(0, tcp.sackCount);
        assertEquals(20, tcp.dataOffset());

        tcp.clear();
        assertEquals(0, tcp.flags);
        assertEquals(0, tcp.dataOffset());
        assertEquals("0 > 0 [none] seq 0 win 0", tcp.toString());
    }

    @Test
    void toStringUsesTcpdumpFlagLetters() {
        tcp.flags = TcpHeader.FIN | TcpHeader.SYN | TcpHeader.RST | TcpHeader.PSH | TcpHeader.ACK | TcpHeader.URG
                | TcpHeader.ECE | TcpHeader.CWR;
        tcp.urgent = 5;
        assertEquals("0 > 0 [FSRP.UEW] seq 0 ack 0 win 0 urg 5", tcp.toString());
    }

    @Test
    void skipsUnknownOptionsAndStopsAtEndOfList() {
        // unknown kind 30 (len 4), EOL, then bytes that would be malformed if they were read
        ByteBuf seg = segment("1e 04 ab cd 00 ff 00 05");
        assertNull(tcp.parse(seg, 0, 28, SRC, DST, false));
        assertEquals(28, tcp.dataOffset());
        assertEquals(-1, tcp.mss);
    }

    @Test
    void parsesSackBlocks() {
        ByteBuf seg = segment("01 01 05 12 00 00 00 0a 00 00 00 14 ff ff ff f0 00 00 00 10");
        assertNull(tcp.parse(seg, 0, 40, SRC, DST, false));
        assertEquals(2, tcp.sackCount);
        assertEquals(10, tcp.sackLeft[0]);
        assertEquals(20, tcp.sackRight[0]);
        assertEquals(0xfffffff0, tcp.sackLeft[1]);
        assertEquals(16, tcp.sackRight[1]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "option length 0,                  1e 00 00 00",
            "option length 1,                  1e 01 00 00",
            "option overruns the header,       01 01 1e 07 00 00 00 00",
            "kind without a length byte,       01 01 01 02",
            "MSS length 3,                     02 03 05 01",
            "window scale length 4,            03 04 07 00",
            "SACK-permitted length 3,          04 03 00 01",
            "timestamps length 8,              08 08 00 00 00 01 00 00",
            "SACK without blocks,              05 02 01 01",
            "SACK with a partial block,        05 0b 00 00 00 01 00 00 00 02 00 01",
    })
    void rejectsMalformedOption(String name, String options) {
        ByteBuf seg = segment(options).writeZero(16);
        assertEquals(WireError.BAD_OPTION_LENGTH, tcp.parse(seg, 0, seg.readableBytes(), SRC, DST, false), name);
    }

    @Test
    void shortKnownOptionAtTheVeryEndOfTheBufferIsRejectedWithoutReadingPastIt() {
        ByteBuf exact = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(segment("01 01 02 02")));
        assertEquals(24, exact.capacity());
        assertEquals(WireError.BAD_OPTION_LENGTH, tcp.parse(exact, 0, 24, SRC, DST, false));
    }

    @Test
    void rejectsTruncatedSegment() {
        ByteBuf seg = segment("");
        assertEquals(WireError.TRUNCATED, tcp.parse(seg, 0, 19, SRC, DST, false));
        assertEquals(WireError.TRUNCATED, tcp.parse(seg, 0, 21, SRC, DST, false), "length beyond the buffer");
        assertEquals(WireError.TRUNCATED, tcp.parse(seg, -1, 20, SRC, DST, false));
    }

    @Test
    void rejectsDataOffsetBelowFiveOrBeyondSegment() {
        ByteBuf small = segment("");
        small.setByte(12, 4 << 4);
        assertEquals(WireError.BAD_DATA_OFFSET, tcp.parse(small, 0, 20, SRC, DST, false));
        ByteBuf large = segment("01 01 01 01");
        large.setByte(12, 15 << 4);
        assertEquals(WireError.BAD_DATA_OFFSET, tcp.parse(large, 0, 24, SRC, DST, false));
    }

    @Test
    void rejectsSynWithFinOrRst() {
        ByteBuf synFin = segment("");
        synFin.setByte(13, TcpHeader.SYN | TcpHeader.FIN);
        assertEquals(WireError.SYN_FIN, tcp.parse(synFin, 0, 20, SRC, DST, false));
        ByteBuf synRst = segment("");
        synRst.setByte(13, TcpHeader.SYN | TcpHeader.RST | TcpHeader.ACK);
        assertEquals(WireError.SYN_RST, tcp.parse(synRst, 0, 20, SRC, DST, false));
    }

    @Test
    void rejectsBadChecksumOnlyWhenVerifying() {
        ByteBuf packet = hex(LINUX_SYN);
        packet.setByte(59, 8);
        assertEquals(WireError.BAD_CHECKSUM, tcp.parse(packet, 20, 40, SRC, DST, true));
        assertNull(tcp.parse(packet, 20, 40, SRC, DST, false));
        assertEquals(8, tcp.windowScale);
        assertEquals(WireError.BAD_CHECKSUM, tcp.parse(hex(LINUX_SYN), 20, 40, SRC, DST + 1, true),
                "the pseudo-header is covered");
    }

    /** A bare ACK segment 1234 → 80 whose header ends with the given option bytes (a multiple of 4). */
    private static ByteBuf segment(String optionsHex) {
        ByteBuf options = hex(optionsHex);
        ByteBuf seg = hex("04 d2 00 50 00 00 00 01 00 00 00 02 00 10 ff ff 00 00 00 00");
        seg.setByte(12, ((20 + options.readableBytes()) / 4) << 4);
        return seg.writeBytes(options);
    }

    /**
     * A header's checksum from the sums taken while writing (instance {@code fillChecksum}) equals a full
     * recomputation over the written bytes, byte for byte, for every option layout, sequence numbers at the wrap,
     * any window, odd text lengths, and into a direct (memory address) or a heap buffer.
     */
    @ParameterizedTest
    @CsvSource({
            "0, 0, 0, false, false, 0",
            "-1, -2, 65535, false, false, 1",
            "-1460, 1460, 1, true, false, 0",
            "2147483647, -2147483648, 12345, true, true, 1459",
            "7, -1, 0, false, true, 5",
            "-1, 0, 40000, true, true, 0",
    })
    void checksumFromWrittenSumsEqualsRecomputation(int seq, int ack, int window, boolean timestamps, boolean direct,
                                                    int textLength) {
        for (int blocks = 0; blocks <= TcpHeader.MAX_SACK_BLOCKS; blocks++) {
            TcpHeader h = new TcpHeader();
            h.srcPort = 80;
            h.dstPort = 40000;
            h.seq = seq;
            h.ack = ack;
            h.flags = TcpHeader.ACK | TcpHeader.PSH;
            h.window = window;
            h.hasTimestamp = timestamps;
            h.tsVal = 0xfedcba98;
            h.tsEcr = -1;
            h.sackCount = blocks;
            for (int b = 0; b < blocks; b++) {
                h.sackLeft[b] = seq + 1 + 3000 * b;
                h.sackRight[b] = seq + 1461 + 3000 * b;
            }
            byte[] text = new byte[textLength];
            for (int i = 0; i < textLength; i++) {
                text[i] = (byte) (i * 37 + 11);
            }
            ByteBuf fromSums = written(h, text, direct, true);
            ByteBuf recomputed = written(h, text, direct, false);
            assertEquals(ByteBufUtil.hexDump(recomputed), ByteBufUtil.hexDump(fromSums), "SACK blocks " + blocks);
            assertEquals(0, Checksum.transportChecksum(fromSums, 3, fromSums.writerIndex() - 3, SRC, DST,
                    IpProtocol.TCP));
            fromSums.release();
            recomputed.release();
        }
    }

    /** {@code h} and {@code text} written at index 3, checksummed from the written sums or recomputed. */
    private static ByteBuf written(TcpHeader h, byte[] text, boolean direct, boolean fromSums) {
        ByteBuf out = direct ? Unpooled.directBuffer(80 + text.length) : Unpooled.buffer(80 + text.length);
        out.writeZero(3);
        int headerLength = h.writeTo(out);
        assertEquals(headerLength, h.dataOffset());
        out.writeBytes(text);
        if (fromSums) {
            h.fillChecksum(out, 3, Checksum.sum(out, 3 + headerLength, text.length, 0), text.length, SRC, DST);
        } else {
            TcpHeader.fillChecksum(out, 3, headerLength + text.length, SRC, DST);
        }
        return out;
    }

    @Test
    void headerSumCoversOptionsAsParsed() {
        ByteBuf packet = hex(LINUX_SYN);
        assertNull(tcp.parse(packet, 20, 40, SRC, DST, false));
        assertEquals(Checksum.sum(packet, 20, 40, 0), tcp.headerSum());
        ByteBuf bare = hex("9c 40 00 50 00 00 00 01 00 00 00 02 50 10 01 00 ab cd 00 07");
        assertNull(tcp.parse(bare, 0, 20, SRC, DST, false));
        assertEquals(Checksum.sum(bare, 0, 20, 0), tcp.headerSum());
    }
}
