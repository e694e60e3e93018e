package io.tunstack.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Random and mutated packets into every parser: a result for each, never an exception, invariants kept. */
class WireFuzzTest {

    private static final int ITERATIONS = 100_000;
    private static final int SRC = Ipv4Address.parse("10.0.0.1");
    private static final int DST = Ipv4Address.parse("10.0.0.2");

    private final Ipv4Header ip = new Ipv4Header();
    private final TcpHeader tcp = new TcpHeader();
    private final UdpHeader udp = new UdpHeader();
    private final IcmpPacket icmp = new IcmpPacket();
    private final Set<WireError> seen = EnumSet.noneOf(WireError.class);
    private int accepted;

    @Test
    void parsersNeverThrowAndKeepTheirInvariants() {
        Random random = new Random(20240601L);
        byte[][] seeds = {tcpDatagram(), udpDatagram(), icmpDatagram()};
        for (int n = 0; n < ITERATIONS; n++) {
            byte[] data = n % 2 == 0 ? randomBytes(random) : mutate(seeds[random.nextInt(seeds.length)], random);
            ByteBuf buf = Unpooled.wrappedBuffer(data); // capacity == length: any over-read throws
            boolean verify = random.nextBoolean();
            parseAll(buf, 20, data.length - 20, verify);
            parseAll(buf, random.nextInt(90) - 5, random.nextInt(90) - 5, verify);
        }
        assertTrue(accepted > 1000, "fuzzing reached the accept paths: " + accepted);
        assertEquals(EnumSet.complementOf(EnumSet.of(WireError.FRAGMENT)), seen,
                "every reject path was reached (FRAGMENT is the stack's verdict, not a parse result)");
    }

    private void parseAll(ByteBuf buf, int offset, int length, boolean verify) {
        if (record(ip.parse(buf))) {
            assertTrue(ip.headerLength() >= Ipv4Header.MIN_LENGTH && ip.headerLength() <= ip.totalLength);
            assertTrue(ip.totalLength <= buf.readableBytes());
            assertTrue(ip.toString().contains(" > "));
        }
        if (record(tcp.parse(buf, offset, length, SRC, DST, verify))) {
            assertTrue(tcp.dataOffset() >= TcpHeader.MIN_LENGTH && tcp.dataOffset() <= length);
            assertTrue(tcp.sackCount >= 0 && tcp.sackCount <= TcpHeader.MAX_SACK_BLOCKS);
            assertTrue(tcp.toString().contains(" seq "));
        }
        if (record(udp.parse(buf, offset, length, SRC, DST, verify))) {
            assertTrue(udp.length >= UdpHeader.LENGTH && udp.length <= length);
        }
        record(icmp.parse(buf, offset, length));
    }

    private boolean record(WireError error) {
        if (error == null) {
            accepted++;
            return true;
        }
        seen.add(error);
        return false;
    }

    private static byte[] randomBytes(Random random) {
        byte[] data = new byte[random.nextInt(100)];
        random.nextBytes(data);
        if (data.length > 0 && random.nextBoolean()) {
            data[0] = 0x45;
        }
        return data;
    }

    /** Flips 1-4 random bytes of a valid packet, sometimes cutting or extending it. */
    private static byte[] mutate(byte[] seed, Random random) {
        int length = random.nextInt(4) == 0 ? random.nextInt(seed.length + 8) : seed.length;
        byte[] data = java.util.Arrays.copyOf(seed, length);
        int flips = length == 0 ? 0 : 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
            data[random.nextInt(length)] = (byte) random.nextInt(256);
        }
        return data;
    }

    /** IPv4 + TCP with every option kind, SACK included. */
    private static byte[] tcpDatagram() {
        TcpHeader h = new TcpHeader();
        h.flags = TcpHeader.ACK;
        h.mss = 1400;
        h.windowScale = 7;
        h.sackPermitted = true;
        h.hasTimestamp = true;
        h.sackCount = 2;
        ByteBuf segment = Unpooled.buffer();
        int length = h.writeTo(segment) + 4;
        segment.writeInt(0x01020304);
        TcpHeader.fillChecksum(segment, 0, length, SRC, DST);
        return ipDatagram(IpProtocol.TCP, segment);
    }

    private static byte[] udpDatagram() {
        UdpHeader h = new UdpHeader();
        h.srcPort = 5353;
        h.dstPort = 53;
        h.length = 12;
        ByteBuf datagram = Unpooled.buffer();
        h.writeTo(datagram);
        datagram.writeInt(0xcafebabe);
        UdpHeader.fillChecksum(datagram, 0, 12, SRC, DST);
        return ipDatagram(IpProtocol.UDP, datagram);
    }

    private static byte[] icmpDatagram() {
        ByteBuf message = Unpooled.buffer();
        IcmpPacket.writeEchoRequest(message, 1, 2, Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5, 6}));
        return ipDatagram(IpProtocol.ICMP, message);
    }

    private static byte[] ipDatagram(int protocol, ByteBuf payload) {
        Ipv4Header h = new Ipv4Header();
        h.totalLength = Ipv4Header.MIN_LENGTH + payload.readableBytes();
        h.ttl = 64;
        h.protocol = protocol;
        h.srcAddr = SRC;
        h.dstAddr = DST;
        ByteBuf out = Unpooled.buffer().writeZero(Ipv4Header.MIN_LENGTH).writeBytes(payload);
        h.writeTo(out, 0);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }
}
