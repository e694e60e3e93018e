package io.tunstack.nativ;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TunDevice against the real kernel, inside a namespace created for each test. */
@Timeout(60)
class TunDeviceTest {
    private static final String TUN = "tsn0";
    private static final int GATEWAY = 0xC6120001; // 198.18.0.1, the kernel side
    private static final int STACK = 0xC6120002; // 198.18.0.2, the userspace side
    private static final int PROTO_ICMP = 1;
    private static final int PROTO_UDP = 17;
    private static final int HDR = TunDevice.VNET_HDR_SIZE;
    private static final int IPV4 = 20;
    private static final int UDP_CHECKSUM_OFFSET = 6;

    private TestNamespace netns;

    @BeforeEach
    void createNamespace() throws Exception {
        RootGuard.requireRoot();
        netns = new TestNamespace();
    }

    @AfterEach
    void deleteNamespace() throws Exception {
        if (netns != null) {
            netns.close();
        }
    }

    private TunDevice openConfigured() throws Exception {
        return openConfigured(false);
    }

    private TunDevice openConfigured(boolean offloads) throws Exception {
        TunDevice tun = TunDevice.open(TUN, netns.name, offloads);
        netns.exec("ip", "addr", "add", "198.18.0.1/24", "dev", TUN);
        netns.exec("ip", "link", "set", TUN, "up");
        return tun;
    }

    private void kernelSendsUdp(String payload) throws Exception {
        netns.exec("bash", "-c", "echo -n " + payload + " > /dev/udp/198.18.0.2/9");
    }

    @Test
    void readsUdpDatagramTheKernelRoutesToTheTun() throws Exception {
        try (TunDevice tun = openConfigured()) {
            kernelSendsUdp("hello");
            ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
            try {
                awaitPacket(tun, packet, p -> protocol(p) == PROTO_UDP);
                assertEquals(4, packet.getUnsignedByte(0) >> 4, "IP version");
                int headerLength = (packet.getUnsignedByte(0) & 0x0f) * 4;
                assertEquals(packet.getUnsignedShort(2), packet.readableBytes(), "total length = bytes read");
                assertEquals(GATEWAY, packet.getInt(12), "source");
                assertEquals(STACK, packet.getInt(16), "destination");
                assertEquals(9, packet.getUnsignedShort(headerLength + 2), "UDP destination port");
                assertEquals("hello", packet.toString(headerLength + 8, packet.readableBytes() - headerLength - 8,
                        StandardCharsets.US_ASCII));
            } finally {
                packet.release();
            }
        }
    }

    @Test
    void kernelAnswersAnEchoRequestWrittenIntoTheTun() throws Exception {
        try (TunDevice tun = openConfigured()) {
            byte[] payload = "tunstack ping".getBytes(StandardCharsets.US_ASCII);
            ByteBuf request = echoRequest(0x1234, 7, payload);
            ByteBuf reply = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
            try {
                tun.write(request);
                assertEquals(0, request.readerIndex(), "write leaves the reader index alone");
                awaitPacket(tun, reply, p -> protocol(p) == PROTO_ICMP);
                assertEquals(GATEWAY, reply.getInt(12), "reply source");
                assertEquals(STACK, reply.getInt(16), "reply destination");
                int icmp = (reply.getUnsignedByte(0) & 0x0f) * 4;
                assertEquals(0, reply.getUnsignedByte(icmp), "ICMP echo reply type");
                assertEquals(0x1234, reply.getUnsignedShort(icmp + 4), "identifier");
                assertEquals(7, reply.getUnsignedShort(icmp + 6), "sequence");
                byte[] echoed = new byte[reply.readableBytes() - icmp - 8];
                reply.getBytes(icmp + 8, echoed);
                assertArrayEquals(payload, echoed);
                assertEquals(0, checksum(reply, icmp, reply.readableBytes() - icmp), "ICMP checksum verifies");
            } finally {
                request.release();
                reply.release();
            }
        }
    }

    @Test
    void heapBuffersWorkThroughTheNioFallback() throws Exception {
        try (TunDevice tun = openConfigured()) {
            ByteBuf request = Unpooled.buffer(64);
            request.writeBytes(echoRequest(1, 1, new byte[] {42}));
            ByteBuf reply = Unpooled.buffer(2048);
            reply.writerIndex(3); // reads go to the writer index, not the start
            tun.write(request);
            awaitPacketAt(tun, reply, 3);
            assertEquals(0, reply.getUnsignedByte(3 + 20), "ICMP echo reply type");
        }
    }

    @Test
    void readReturnsZeroWhenNoPacketIsWaiting() throws Exception {
        try (TunDevice tun = TunDevice.open(TUN, netns.name)) {
            ByteBuf dst = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
            try {
                assertEquals(0, tun.read(dst));
                assertEquals(0, dst.writerIndex());
            } finally {
                dst.release();
            }
        }
    }

    @Test
    void readRejectsBuffersItCannotFillInPlace() throws Exception {
        try (TunDevice tun = TunDevice.open(TUN, netns.name)) {
            // Two 8-byte components give 16 bytes of capacity; the writer index stays 0, so all are writable.
            ByteBuf composite = Unpooled.compositeBuffer().addComponents(false,
                    Unpooled.directBuffer(8, 8).writeZero(8), Unpooled.directBuffer(8, 8).writeZero(8));
            ByteBuf full = Unpooled.directBuffer(4, 4).writeInt(0);
            try {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tun.read(composite));
                assertTrue(e.getMessage().contains("composite of 2"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> tun.read(full));
            } finally {
                composite.release();
                full.release();
            }
        }
    }

    @Test
    void deviceLivesInTheNamespaceAndTheThreadReturnsToItsOwn() throws Exception {
        Path own = Path.of("/proc/thread-self/ns/net");
        Path before = Files.readSymbolicLink(own);
        try (TunDevice tun = TunDevice.open(TUN, netns.name)) {
            assertEquals(before, Files.readSymbolicLink(own));
            assertEquals(TUN, tun.name());
            assertTrue(tun.fd() >= 0);
            assertTrue(netns.exec("ip", "link", "show", TUN).contains(TUN));
            assertNotEquals(0, Commands.status("ip", "link", "show", TUN), "not in the test's namespace");
        }
    }

    @Test
    void mtuFollowsTheInterface() throws Exception {
        try (TunDevice tun = TunDevice.open(TUN, netns.name)) {
            assertEquals(1500, tun.mtu());
            netns.exec("ip", "link", "set", TUN, "mtu", "1400");
            assertEquals(1400, tun.mtu());
        }
    }

    @Test
    void secondAttachToTheSameNameIsBusy() throws Exception {
        try (TunDevice first = TunDevice.open(TUN, netns.name)) {
            assertEquals(TUN, first.name());
            NativeException e = assertThrows(NativeException.class, () -> TunDevice.open(TUN, netns.name));
            assertEquals(Errno.EBUSY, e.errno());
            assertTrue(e.getMessage().contains("interface name in use"), e.getMessage());
            assertTrue(e.getMessage().contains(TUN), e.getMessage());
        }
    }

    @Test
    void nonTunInterfaceIsRejected() throws Exception {
        NativeException e = assertThrows(NativeException.class, () -> TunDevice.open("lo", netns.name));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("lo exists but is not a single-queue TUN device"), e.getMessage());
    }

    @Test
    void packetLargerThanTheBufferIsReportedNotSilentlyCut() throws Exception {
        try (TunDevice tun = openConfigured()) {
            kernelSendsUdp("hello");
            ByteBuf small = PooledByteBufAllocator.DEFAULT.directBuffer(10, 10);
            try {
                IOException e = awaitFailure(tun, small);
                assertTrue(e.getMessage().contains("truncated to the 10 writable bytes"), e.getMessage());
                assertEquals(0, small.writerIndex());
            } finally {
                small.release();
            }
        }
    }

    @Test
    void packetThatExactlyFillsTheBufferIsWhole() throws Exception {
        try (TunDevice tun = openConfigured()) {
            kernelSendsUdp("hello");
            ByteBuf exact = PooledByteBufAllocator.DEFAULT.directBuffer(33, 33); // 20 IPv4 + 8 UDP + 5
            try {
                awaitPacket(tun, exact, p -> protocol(p) == PROTO_UDP);
                assertEquals(33, exact.readableBytes());
            } finally {
                exact.release();
            }
        }
    }

    @Test
    void kernelRejectsAPacketThatIsNotIp() throws Exception {
        try (TunDevice tun = TunDevice.open(TUN, netns.name)) {
            ByteBuf garbage = Unpooled.directBuffer(20).writeZero(20).setByte(0, 0x50);
            try {
                NativeException e = assertThrows(NativeException.class, () -> tun.write(garbage));
                assertEquals(Errno.EINVAL, e.errno());
            } finally {
                garbage.release();
            }
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseIsAnError() throws Exception {
        TunDevice tun = TunDevice.open(TUN, netns.name);
        tun.close();
        tun.close();
        assertEquals(-1, tun.fd());
        ByteBuf dst = Unpooled.directBuffer(64);
        try {
            assertThrows(IllegalStateException.class, () -> tun.read(dst));
        } finally {
            dst.release();
        }
        // A non-persistent TUN disappears when its last fd closes, so the name is free again.
        TunDevice.open(TUN, netns.name).close();
    }

    @Test
    void missingNamespaceIsExplained() {
        NativeException e = assertThrows(NativeException.class, () -> TunDevice.open(TUN, "tsn-no-such-netns"));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains(
                "network namespace tsn-no-such-netns does not exist (/var/run/netns/tsn-no-such-netns)"),
                e.getMessage());
    }

    // --- with offloads: a virtio_net_hdr in front of every packet, both ways ---

    @Test
    void headerSizeIsTheVirtioNetHdrWithOffloadsOnly() throws Exception {
        try (TunDevice tun = TunDevice.open(TUN, netns.name, true)) {
            assertEquals(10, tun.vnetHeaderSize());
        }
        try (TunDevice tun = TunDevice.open(TUN, netns.name)) {
            assertEquals(0, tun.vnetHeaderSize());
        }
    }

    @Test
    void kernelsUdpDatagramComesAfterAHeaderAskingForItsChecksum() throws Exception {
        try (TunDevice tun = openConfigured(true)) {
            kernelSendsUdp("hello");
            ByteBuf frame = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
            try {
                awaitPacket(tun, frame, f -> f.getUnsignedByte(HDR + 9) == PROTO_UDP);
                assertEquals(frame.readableBytes() - HDR, frame.getUnsignedShort(HDR + 2), "IPv4 total length");
                assertEquals(1, frame.getUnsignedByte(0), "flags: VIRTIO_NET_HDR_F_NEEDS_CSUM");
                assertEquals(0, frame.getUnsignedByte(1), "gso_type: VIRTIO_NET_HDR_GSO_NONE");
                assertEquals(IPV4, frame.getUnsignedShortLE(6), "csum_start: the UDP header, little-endian");
                assertEquals(UDP_CHECKSUM_OFFSET, frame.getUnsignedShortLE(8), "csum_offset: the UDP checksum");
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void truncationIsJudgedByTheIpHeaderAfterTheVnetHeader() throws Exception {
        try (TunDevice tun = openConfigured(true)) {
            kernelSendsUdp("hello");
            ByteBuf small = PooledByteBufAllocator.DEFAULT.directBuffer(HDR + 32, HDR + 32); // one byte short
            try {
                IOException e = awaitFailure(tun, small);
                assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            } finally {
                small.release();
            }
            kernelSendsUdp("hello");
            ByteBuf exact = PooledByteBufAllocator.DEFAULT.directBuffer(HDR + 33, HDR + 33);
            try {
                awaitPacket(tun, exact, f -> f.getUnsignedByte(HDR + 9) == PROTO_UDP);
                assertEquals(HDR + 33, exact.readableBytes());
            } finally {
                exact.release();
            }
        }
    }

    @Test
    void headerAndPacketWrittenTogetherAreOnePacket() throws Exception {
        try (TunDevice tun = openConfigured(true)) {
            ByteBuf header = PooledByteBufAllocator.DEFAULT.directBuffer(HDR).writeZero(HDR);
            ByteBuf request = echoRequest(0x4321, 3, new byte[] {1, 2, 3});
            ByteBuf reply = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
            try {
                tun.write(header, request);
                assertEquals(0, header.readerIndex());
                assertEquals(0, request.readerIndex());
                awaitPacket(tun, reply, f -> f.getUnsignedByte(HDR + 9) == PROTO_ICMP);
                assertEquals(0, reply.getUnsignedByte(HDR + IPV4), "ICMP echo reply");
                assertEquals(0x4321, reply.getUnsignedShort(HDR + IPV4 + 4), "identifier");
            } finally {
                header.release();
                request.release();
                reply.release();
            }
        }
    }

    // --- helpers ---

    private static int protocol(ByteBuf packet) {
        return packet.getUnsignedByte(9);
    }

    /** Reads packets until one matches, skipping others, waiting with a Poller. */
    private static void awaitPacket(TunDevice tun, ByteBuf dst, Predicate<ByteBuf> wanted) throws IOException {
        Poller poller = new Poller();
        poller.add(tun.fd());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            poller.poll(deadline - System.nanoTime());
            dst.clear();
            if (tun.read(dst) > 0 && wanted.test(dst)) {
                return;
            }
        }
        fail("no matching packet within 5 s");
    }

    private static void awaitPacketAt(TunDevice tun, ByteBuf dst, int offset) throws IOException {
        Poller poller = new Poller();
        poller.add(tun.fd());
        assertTrue(poller.poll(TimeUnit.SECONDS.toNanos(5)) > 0, "no packet within 5 s");
        assertTrue(poller.isReadable(tun.fd()));
        int n = tun.read(dst);
        assertEquals(offset + n, dst.writerIndex());
        assertEquals(n, dst.getUnsignedShort(offset + 2), "IPv4 total length");
    }

    private static IOException awaitFailure(TunDevice tun, ByteBuf dst) throws IOException {
        Poller poller = new Poller();
        poller.add(tun.fd());
        assertTrue(poller.poll(TimeUnit.SECONDS.toNanos(5)) > 0, "no packet within 5 s");
        return assertThrows(IOException.class, () -> tun.read(dst));
    }

    /** IPv4 + ICMP echo request (RFC 792) from STACK to GATEWAY with both checksums (RFC 1071). */
    private static ByteBuf echoRequest(int identifier, int sequence, byte[] payload) {
        int icmpLength = 8 + payload.length;
        ByteBuf p = Unpooled.directBuffer(20 + icmpLength);
        p.writeByte(0x45).writeByte(0).writeShort(20 + icmpLength)
                .writeShort(0x4242).writeShort(0x4000) // id, DF
                .writeByte(64).writeByte(PROTO_ICMP).writeShort(0)
                .writeInt(STACK).writeInt(GATEWAY);
        p.setShort(10, checksum(p, 0, 20));
        p.writeByte(8).writeByte(0).writeShort(0).writeShort(identifier).writeShort(sequence).writeBytes(payload);
        p.setShort(22, checksum(p, 20, icmpLength));
        return p;
    }

    /** RFC 1071 Internet checksum; 0 when computed over data that includes a valid checksum. */
    private static int checksum(ByteBuf buf, int offset, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += buf.getUnsignedShort(offset + i);
        }
        if ((length & 1) != 0) {
            sum += buf.getUnsignedByte(offset + length - 1) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
