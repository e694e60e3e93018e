package io.tunstack.core.wire;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-packet paths (parse, write, checksum) must not allocate: measured with the JVM's per-thread counter. */
class AllocationFreeTest {

    private static final int SRC = Ipv4Address.parse("10.0.0.1");
    private static final int DST = Ipv4Address.parse("10.0.0.2");
    private static final int ROUNDS = 20_000;

    private final Ipv4Header ip = new Ipv4Header();
    private final TcpHeader tcp = new TcpHeader();
    private final UdpHeader udp = new UdpHeader();
    private final IcmpPacket icmp = new IcmpPacket();

    @Test
    void parsingWritingAndChecksummingDoNotAllocate() {
        ByteBuf packet = Unpooled.directBuffer(1500);
        ByteBuf scratch = Unpooled.directBuffer(1500);
        try {
            runPacketPath(packet, scratch, ROUNDS); // warm up (class loading, interpreter profiling)
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            runPacketPath(packet, scratch, ROUNDS);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // A single object per round would cost at least 16 bytes each; what remains is JVM background noise.
            assertTrue(allocated < ROUNDS, allocated + " bytes allocated over " + ROUNDS + " rounds");
        } finally {
            packet.release();
            scratch.release();
        }
    }

    private void runPacketPath(ByteBuf packet, ByteBuf scratch, int rounds) {
        for (int n = 0; n < rounds; n++) {
            packet.clear().writeZero(Ipv4Header.MIN_LENGTH);
            tcp.clear();
            tcp.seq = n;
            tcp.flags = TcpHeader.ACK;
            tcp.hasTimestamp = true;
            tcp.sackCount = 3;
            int tcpLength = tcp.writeTo(packet) + 1000;
            packet.writeZero(1000);
            TcpHeader.fillChecksum(packet, Ipv4Header.MIN_LENGTH, tcpLength, SRC, DST);
            ip.totalLength = packet.readableBytes();
            ip.protocol = IpProtocol.TCP;
            ip.srcAddr = SRC;
            ip.dstAddr = DST;
            ip.writeTo(packet, 0);

            assertNull(ip.parse(packet));
            assertNull(tcp.parse(packet, ip.headerLength(), ip.payloadLength(), ip.srcAddr, ip.dstAddr, true));

            scratch.clear();
            udp.length = UdpHeader.LENGTH + 4;
            udp.writeTo(scratch);
            scratch.writeInt(n);
            UdpHeader.fillChecksum(scratch, 0, udp.length, SRC, DST);
            assertNull(udp.parse(scratch, 0, udp.length, SRC, DST, true));

            scratch.clear();
            IcmpPacket.writeEchoRequest(scratch, 1, n, packet);
            IcmpPacket.rewriteAsEchoReply(scratch, 0);
            assertNull(icmp.parse(scratch, 0, scratch.readableBytes()));
        }
    }
}
