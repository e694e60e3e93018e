package io.tunstack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TunDevice opened with offloads: a virtio_net_hdr in front of every packet, both ways (root, own namespace). */
@Timeout(60)
class TunOffloadDeviceTest {
    private static final String TUN = "tso0";
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

    private TunDevice openWithOffloads() throws Exception {
        TunDevice tun = TunDevice.open(TUN, netns.name, true);
        netns.exec("ip", "addr", "add", "198.18.0.1/24", "dev", TUN);
        netns.exec("ip", "link", "set", TUN, "up");
        return tun;
    }

    private void kernelSendsUdp() throws Exception {
        netns.exec("bash", "-c", "echo -n hello > /dev/udp/198.18.0.2/9");
    }

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
        try (TunDevice tun = openWithOffloads()) {
            kernelSendsUdp();
            ByteBuf frame = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
            try {
                TunDeviceTest.awaitPacket(tun, frame, f -> f.getUnsignedByte(HDR + 9) == 17);
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
        try (TunDevice tun = openWithOffloads()) {
            kernelSendsUdp();
            ByteBuf small = PooledByteBufAllocator.DEFAULT.directBuffer(HDR + 32, HDR + 32); // one byte short
            try {
                IOException e = TunDeviceTest.awaitFailure(tun, small);
                assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            } finally {
                small.release();
            }
            kernelSendsUdp();
            ByteBuf exact = PooledByteBufAllocator.DEFAULT.directBuffer(HDR + 33, HDR + 33);
            try {
                TunDeviceTest.awaitPacket(tun, exact, f -> f.getUnsignedByte(HDR + 9) == 17);
                assertEquals(HDR + 33, exact.readableBytes());
            } finally {
                exact.release();
            }
        }
    }

    @Test
    void headerAndPacketWrittenTogetherAreOnePacket() throws Exception {
        try (TunDevice tun = openWithOffloads()) {
            ByteBuf header = PooledByteBufAllocator.DEFAULT.directBuffer(HDR).writeZero(HDR);
            ByteBuf request = TunDeviceTest.echoRequest(0x4321, 3, new byte[] {1, 2, 3});
            ByteBuf reply = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
            try {
                tun.write(header, request);
                assertEquals(0, header.readerIndex());
                assertEquals(0, request.readerIndex());
                TunDeviceTest.awaitPacket(tun, reply, f -> f.getUnsignedByte(HDR + 9) == 1);
                assertEquals(0, reply.getUnsignedByte(HDR + IPV4), "ICMP echo reply");
                assertEquals(0x4321, reply.getUnsignedShort(HDR + IPV4 + 4), "identifier");
            } finally {
                header.release();
                request.release();
                reply.release();
            }
        }
    }
}
