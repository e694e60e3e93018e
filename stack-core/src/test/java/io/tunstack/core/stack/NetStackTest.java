package io.tunstack.core.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tunstack.core.link.LendingLink;
import io.tunstack.core.link.MemoryLink;
import io.tunstack.core.tcp.TcpConfig;
import io.tunstack.core.tcp.TcpCounters;
import io.tunstack.core.tcp.TcpEventSink;
import io.tunstack.core.tcp.TcpLayer;
import io.tunstack.core.time.VirtualClock;
import io.tunstack.core.wire.TcpHeader;
import io.tunstack.core.wire.Checksum;
import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.core.wire.WireError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NetStackTest {
    private static final int STACK = Ipv4Address.parse("198.18.0.2");
    private static final int PEER = Ipv4Address.parse("198.18.0.1");

    private final MemoryLink link = new MemoryLink(1500);
    private final NetStack stack = new NetStack(link, STACK, new UnpooledByteBufAllocator(true, true));
    private final List<ByteBuf> injected = new ArrayList<>();

    @AfterEach
    void noBufferLeftBehind() {
        stack.close();
        for (ByteBuf packet : injected) {
            assertEquals(0, packet.refCnt(), "the stack released every packet it received");
        }
    }

    private void inject(ByteBuf packet) {
        injected.add(packet);
        link.inject(packet);
    }

    private ByteBuf sent() throws InterruptedException {
        return link.takeSent(0, TimeUnit.MILLISECONDS);
    }

    @Test
    void answersEchoRequestWithMatchingReply() throws InterruptedException {
        byte[] data = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        inject(Packets.echoRequest(PEER, STACK, 0x4242, 7, data));

        assertEquals(1, stack.poll(0));

        ByteBuf reply = sent();
        assertNotNull(reply, "an echo reply was sent");
        Ipv4Header ip = new Ipv4Header();
        assertNull(ip.parse(reply), "reply has a valid IPv4 header");
        assertEquals(STACK, ip.srcAddr);
        assertEquals(PEER, ip.dstAddr);
        assertEquals(IpProtocol.ICMP, ip.protocol);
        IcmpPacket icmp = new IcmpPacket();
        int offset = reply.readerIndex() + ip.headerLength();
        assertNull(icmp.parse(reply, offset, ip.payloadLength()), "reply has a valid ICMP checksum");
        assertEquals(IcmpPacket.TYPE_ECHO_REPLY, icmp.type);
        assertEquals(0x4242, icmp.identifier);
        assertEquals(7, icmp.sequence);
        assertArrayEquals(data, ByteBufUtil.getBytes(reply, offset + 8, ip.payloadLength() - 8));
        reply.release();
        assertEquals(1, stack.counters().packetsIn());
        assertEquals(1, stack.counters().packetsOut());
        assertEquals(20 + 8 + data.length, stack.counters().bytesOut());
    }

    @Test
    void dropsMalformedIpv4AndCountsEachReason() throws InterruptedException {
        ByteBuf good = Packets.echoRequest(PEER, STACK, 1, 1, new byte[8]);

        ByteBuf badVersion = good.copy();
        badVersion.setByte(0, 0x65);
        fixHeaderChecksum(badVersion);
        inject(badVersion);

        ByteBuf shortIhl = good.copy();
        shortIhl.setByte(0, 0x44);
        inject(shortIhl);

        ByteBuf lengthBeyondBuffer = good.copy();
        lengthBeyondBuffer.setShort(2, good.readableBytes() + 1);
        fixHeaderChecksum(lengthBeyondBuffer);
        inject(lengthBeyondBuffer);

        ByteBuf badChecksum = good.copy();
        badChecksum.setShort(10, badChecksum.getUnsignedShort(10) ^ 0x0101);
        inject(badChecksum);

        inject(good.copy(0, 12)); // truncated header

        ByteBuf fragment = good.copy();
        fragment.setShort(6, Ipv4Header.FLAG_MF << 13);
        fixHeaderChecksum(fragment);
        inject(fragment);

        ByteBuf notForUs = Packets.echoRequest(PEER, Ipv4Address.parse("198.18.0.77"), 1, 1, new byte[8]);
        inject(notForUs);

        inject(Unpooled.buffer(0));
        good.release();

        assertEquals(8, stack.poll(0));
        assertNull(sent(), "nothing is answered");
        StackCounters counters = stack.counters();
        assertEquals(1, counters.drops(WireError.BAD_VERSION));
        assertEquals(1, counters.drops(WireError.BAD_IHL));
        assertEquals(1, counters.drops(WireError.BAD_TOTAL_LENGTH));
        assertEquals(1, counters.drops(WireError.BAD_CHECKSUM));
        assertEquals(2, counters.drops(WireError.TRUNCATED));
        assertEquals(1, counters.drops(WireError.FRAGMENT));
        assertEquals(1, counters.drops(DropReason.NOT_FOR_US));
        assertEquals(8, counters.packetsIn());
        assertEquals(0, counters.packetsOut());
        assertEquals(1L, counters.snapshot().get("drop_bad_version"));
    }

    /** RFC 1122 §3.2.2.1: SCTP (132) has no transport here; the sender learns so, unless it is no single host. */
    @Test
    void answersAnUnknownProtocolWithProtocolUnreachable() throws InterruptedException {
        ByteBuf sctp = Packets.ipv4(PEER, STACK, 132, Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        byte[] original = ByteBufUtil.getBytes(sctp);
        inject(sctp);
        inject(Packets.ipv4(Ipv4Address.parse("224.0.0.9"), STACK, 132, Unpooled.wrappedBuffer(new byte[8])));

        assertEquals(2, stack.poll(0));
        byte[] quoted = DestinationUnreachables.quote(sent(), STACK, PEER, IcmpPacket.CODE_PROTOCOL_UNREACHABLE);
        assertArrayEquals(Arrays.copyOf(original, 28), quoted);
        assertNull(sent(), "no ICMP error to a multicast source");
        assertEquals(2, stack.counters().drops(DropReason.UNKNOWN_PROTOCOL));
    }

    @Test
    void handsIcmpErrorsAboutOurDatagramsToTheTransportThatSentThem() {
        List<String> errors = new ArrayList<>();
        stack.register(IpProtocol.UDP, recordingIcmpErrors(errors));
        int router = Ipv4Address.parse("198.18.0.9");
        ByteBuf original = Packets.ipv4(STACK, PEER, IpProtocol.UDP, Unpooled.wrappedBuffer(
                new byte[] {0x14, (byte) 0xE9, 0, 53, 0, 12, 0, 0, 'q', 'u', 'e', 'r', 'y'}));
        inject(Packets.icmpError(router, STACK, IcmpPacket.TYPE_DESTINATION_UNREACHABLE, 4, 1280, original, 28));
        inject(Packets.icmpError(PEER, STACK, IcmpPacket.TYPE_DESTINATION_UNREACHABLE,
                IcmpPacket.CODE_PORT_UNREACHABLE, 0, original, 33));

        stack.poll(0);

        assertEquals(List.of(
                "fragmentation needed (next-hop MTU 1280) from 198.18.0.9 about 198.18.0.2 -> 198.18.0.1 quote 14e90035",
                "port unreachable from 198.18.0.1 about 198.18.0.2 -> 198.18.0.1 quote 14e90035"), errors);
        original.release();
    }

    @Test
    void dropsIcmpErrorsThatDoNotQuoteOneOfOurDatagrams() {
        List<String> errors = new ArrayList<>();
        stack.register(IpProtocol.UDP, recordingIcmpErrors(errors));
        ByteBuf notOurs = Packets.ipv4(Ipv4Address.parse("198.18.0.7"), PEER, IpProtocol.UDP,
                Unpooled.wrappedBuffer(new byte[8]));
        ByteBuf ours = Packets.ipv4(STACK, PEER, IpProtocol.UDP, Unpooled.wrappedBuffer(new byte[8]));
        inject(Packets.icmpError(PEER, STACK, IcmpPacket.TYPE_DESTINATION_UNREACHABLE, 3, 0, notOurs, 28));
        inject(Packets.icmpError(PEER, STACK, IcmpPacket.TYPE_DESTINATION_UNREACHABLE, 3, 0, ours, 24));

        stack.poll(0);

        assertEquals(List.of(), errors);
        assertEquals(2, stack.counters().drops(DropReason.ICMP_BAD_QUOTE), "somebody else's, and a short quote");
        notOurs.release();
        ours.release();
    }

    private static TransportProtocol recordingIcmpErrors(List<String> errors) {
        return new TransportProtocol() {
            @Override
            public void input(int srcAddr, int dstAddr, ByteBuf segment, long nowNanos) {
            }

            @Override
            public long nextDeadline() {
                return Long.MAX_VALUE;
            }

            @Override
            public void onTimer(long nowNanos) {
            }

            @Override
            public void icmpError(IcmpError error, ByteBuf quoted, long nowNanos) {
                errors.add(error.describe() + " about " + Ipv4Address.format(error.localAddr()) + " -> "
                        + Ipv4Address.format(error.remoteAddr()) + " quote "
                        + ByteBufUtil.hexDump(quoted, quoted.readerIndex(), 4));
            }
        };
    }

    @Test
    void dropsIcmpWithBadChecksumAndIgnoresOtherTypes() throws InterruptedException {
        ByteBuf corrupt = Packets.echoRequest(PEER, STACK, 1, 1, new byte[] {1, 2, 3});
        corrupt.setByte(corrupt.writerIndex() - 1, 9);
        inject(corrupt);
        ByteBuf reply = Packets.echoRequest(PEER, STACK, 1, 1, new byte[] {1});
        IcmpPacket.rewriteAsEchoReply(reply, 20);
        inject(reply);

        stack.poll(0);

        assertNull(sent());
        assertEquals(1, stack.counters().drops(WireError.BAD_CHECKSUM));
        assertEquals(1, stack.counters().drops(DropReason.ICMP_IGNORED));
    }

    @Test
    void handsSegmentsToTheRegisteredTransportAndWritesHeadersForIt() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        stack.register(IpProtocol.UDP, new TransportProtocol() {
            @Override
            public void input(int srcAddr, int dstAddr, ByteBuf segment, long nowNanos) {
                seen.add(Ipv4Address.format(srcAddr) + " " + segment.toString(StandardCharsets.US_ASCII));
                ByteBuf out = stack.newPacket(5);
                out.writeBytes("pong!".getBytes(StandardCharsets.US_ASCII));
                stack.send(dstAddr, srcAddr, IpProtocol.UDP, out);
            }

            @Override
            public long nextDeadline() {
                return Long.MAX_VALUE;
            }

            @Override
            public void onTimer(long nowNanos) {
            }
        });
        inject(Packets.ipv4(PEER, STACK, IpProtocol.UDP, Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII)));

        stack.poll(0);

        assertEquals(List.of("198.18.0.1 ping"), seen);
        ByteBuf out = sent();
        Ipv4Header ip = new Ipv4Header();
        assertNull(ip.parse(out));
        assertEquals(PEER, ip.dstAddr);
        assertEquals(25, ip.totalLength);
        assertEquals("pong!", out.toString(20, 5, StandardCharsets.US_ASCII));
        out.release();
    }

    @Test
    void reusesTheLastPacketSentOnlyOnceTheLinkReleasedIt() throws InterruptedException {
        ByteBuf first = stack.newPacket(8);
        first.writeLong(1);
        stack.send(STACK, PEER, IpProtocol.UDP, first);
        ByteBuf held = sent();
        assertSame(first, held);

        ByteBuf second = stack.newPacket(8);
        assertNotSame(first, second, "the link still holds the first packet");
        assertEquals(1, held.getLong(20), "and its bytes are left alone");
        second.writeLong(2);
        stack.send(STACK, PEER, IpProtocol.UDP, second);
        sent().release();
        held.release();
        assertEquals(0, held.refCnt(), "the stack kept no reference to a packet it no longer reuses");

        ByteBuf third = stack.newPacket(8);
        assertSame(second, third, "the link released the last packet: reused");
        assertEquals(20, third.readerIndex());
        assertEquals(20, third.writerIndex());
        ByteBuf larger = stack.newPacket(1000);
        assertNotSame(third, larger, "too small for a larger packet");
        third.release();
        larger.release();
    }

    @Test
    void writesThroughOneBufferWithoutReferenceCountingWhenTheLinkOnlyBorrows() {
        LendingLink lending = new LendingLink();
        NetStack borrowing = new NetStack(lending, STACK, new UnpooledByteBufAllocator(true, true));
        ByteBuf first = borrowing.newPacket(8);
        first.writeLong(1);
        borrowing.send(STACK, PEER, IpProtocol.UDP, first);
        for (long i = 2; i <= 3; i++) {
            ByteBuf packet = borrowing.newPacket(8);
            assertSame(first, packet, "the packet is free again once transmit returned");
            packet.writeLong(i);
            borrowing.send(STACK, PEER, IpProtocol.UDP, packet);
        }
        assertEquals(List.of("0000000000000001", "0000000000000002", "0000000000000003"), lending.transmitted);
        assertEquals(List.of(1, 1, 1), lending.referenceCounts, "the stack's own reference, none taken or given back");
        assertEquals(3, borrowing.counters().packetsOut());
        borrowing.close();
        assertEquals(0, first.refCnt(), "released when the stack closes");
    }

    @Test
    void handsEveryReceivedPacketBackToTheLinkWithNoReferenceKept() {
        LendingLink lending = new LendingLink();
        NetStack borrowing = new NetStack(lending, STACK, new UnpooledByteBufAllocator(true, true));
        ByteBuf echo = Packets.echoRequest(PEER, STACK, 1, 1, new byte[8]);
        ByteBuf corrupt = Packets.echoRequest(PEER, STACK, 1, 2, new byte[8]);
        corrupt.setByte(8, 1); // TTL: the header checksum fails
        ByteBuf notForUs = Packets.echoRequest(PEER, PEER, 1, 3, new byte[8]);
        for (ByteBuf packet : List.of(echo, corrupt, notForUs)) {
            lending.inject(packet);
        }

        assertEquals(3, borrowing.poll(0));

        assertEquals(List.of(echo, corrupt, notForUs), lending.reclaimed, "answered or dropped, each handed back");
        assertEquals(List.of(1, 1, 1), lending.referenceCounts.subList(1, 4), "with only the link's reference");
        assertEquals(1, lending.transmitted.size(), "the echo reply");
        borrowing.close();
        for (ByteBuf packet : List.of(echo, corrupt, notForUs)) {
            packet.release();
        }
    }

    @Test
    void refusesPacketsOverTheMtu() {
        ByteBuf big = stack.newPacket(1481);
        big.writeZero(1481);
        stack.send(STACK, PEER, IpProtocol.UDP, big);
        assertEquals(0, big.refCnt());
        assertEquals(1, stack.counters().drops(DropReason.OVER_MTU));
    }

    private static void fixHeaderChecksum(ByteBuf packet) {
        int ihl = (packet.getByte(0) & 0x0F) * 4;
        packet.setShort(10, 0);
        packet.setShort(10, Checksum.checksum(packet, 0, Math.min(ihl, packet.readableBytes())));
    }

    /** A SYN to a listening port whose TCP checksum is wrong, from a link that does or does not vouch for it. */
    private static TcpCounters synWithWrongChecksum(LendingLink tun) {
        NetStack stack = new NetStack(tun, STACK, new UnpooledByteBufAllocator(true, true));
        TcpLayer tcp = new TcpLayer(stack, TcpConfig.builder().build(), new VirtualClock(0), TcpEventSink.NONE);
        stack.register(IpProtocol.TCP, tcp);
        tcp.listen(0, 80, 4, c -> { });
        TcpHeader syn = new TcpHeader();
        syn.srcPort = 40000;
        syn.dstPort = 80;
        syn.seq = 1;
        syn.flags = TcpHeader.SYN;
        syn.window = 65535;
        ByteBuf segment = Unpooled.buffer();
        syn.writeTo(segment);
        TcpHeader.fillChecksum(segment, 0, segment.readableBytes(), PEER, STACK);
        segment.setShort(16, segment.getUnsignedShort(16) ^ 0x0101);
        ByteBuf packet = Packets.ipv4(PEER, STACK, IpProtocol.TCP, segment);
        segment.release();
        tun.inject(packet);
        assertEquals(1, stack.poll(0));
        packet.release();
        assertEquals(tun.validating ? 1 : 0, stack.counters().checksumValidated());
        stack.close();
        return tcp.counters();
    }

    @Test
    void aChecksumTheLinkValidatedIsNotVerifiedAgain() {
        LendingLink offloading = new LendingLink();
        offloading.validating = true;
        TcpCounters validated = synWithWrongChecksum(offloading);
        assertEquals(0, validated.dropped(WireError.BAD_CHECKSUM));
        assertEquals(1, offloading.transmitted.size(), "the SYN was answered");

        LendingLink plain = new LendingLink();
        TcpCounters verified = synWithWrongChecksum(plain);
        assertEquals(1, verified.dropped(WireError.BAD_CHECKSUM));
        assertEquals(0, plain.transmitted.size());
    }
}
