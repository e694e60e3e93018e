package io.tunstack.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tunstack.core.lab.LabNamespace;
import io.tunstack.core.link.PcapReader;
import io.tunstack.core.link.PcapWriter;
import io.tunstack.core.link.TunLink;
import io.tunstack.core.time.SystemClock;
import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.nativ.TunDevice;
import io.tunstack.testing.RootRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation end to end: the kernel pings tunstack through a real TUN in a fresh namespace. */
class TunPingTest {
    private static final int STACK = Ipv4Address.parse(LabNamespace.DEFAULT_STACK_ADDRESS);

    @Test
    void kernelPingsTheStackThroughTun(@TempDir Path dir) throws Exception {
        RootRequirement.check();
        Path pcap = dir.resolve("ping.pcap");
        String netns;
        try (LabNamespace lab = LabNamespace.createFresh(1500)) {
            netns = lab.netns();
            TunDevice tun = TunDevice.open(lab.tun(), lab.netns());
            PcapWriter link = new PcapWriter(new TunLink(tun, PooledByteBufAllocator.DEFAULT), pcap,
                    SystemClock.INSTANCE);
            NetStack stack = new NetStack(link, STACK, PooledByteBufAllocator.DEFAULT);
            try (EventLoop loop = EventLoop.start(stack, SystemClock.INSTANCE, "tun-ping")) {
                LabNamespace.CommandResult ping = lab.exec(30, "ping", "-c", "5", "-i", "0.2", "-W", "2",
                        LabNamespace.DEFAULT_STACK_ADDRESS);
                assertEquals(0, ping.exitCode(), ping.output());
                assertTrue(ping.output().contains("5 packets transmitted, 5 received"), ping.output());
                assertEquals(5, stack.counters().packetsOut());
            }
        }
        assertFalse(namespaceExists(netns), "the lab namespace is removed");

        List<PcapReader.Record> records = PcapReader.read(pcap);
        assertEquals(10, records.size(), "5 requests and 5 replies");
        Ipv4Header ip = new Ipv4Header();
        IcmpPacket icmp = new IcmpPacket();
        int requests = 0;
        int replies = 0;
        for (PcapReader.Record record : records) {
            ByteBuf packet = Unpooled.wrappedBuffer(record.data());
            assertNull(ip.parse(packet), "valid IPv4 header checksum");
            assertEquals(IpProtocol.ICMP, ip.protocol);
            assertNull(icmp.parse(packet, ip.headerLength(), ip.payloadLength()), "valid ICMP checksum");
            if (icmp.type == IcmpPacket.TYPE_ECHO_REQUEST) {
                requests++;
                assertEquals(STACK, ip.dstAddr);
            } else {
                replies++;
                assertEquals(IcmpPacket.TYPE_ECHO_REPLY, icmp.type);
                assertEquals(STACK, ip.srcAddr);
            }
        }
        assertEquals(5, requests);
        assertEquals(5, replies);
        assertTsharkReads(pcap);
    }

    @Test
    void startAndStopLeaveNoThreadOrFileDescriptorBehind() throws Exception {
        RootRequirement.check();
        try (LabNamespace lab = LabNamespace.createFresh(1500)) {
            runStackOnce(lab); // loads every class and opens every jar first
            long fds = openFileDescriptors();
            for (int i = 0; i < 5; i++) {
                runStackOnce(lab);
            }
            assertEquals(fds, openFileDescriptors(), "TUN, eventfd and poll state all closed");
            // Only the loops' own threads: other threads of the JVM (pools, cleaners) come and go on their own.
            assertEquals(0, Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("tun-cycle") && t.isAlive()).count(), "no loop thread left");
        }
    }

    private static void runStackOnce(LabNamespace lab) throws Exception {
        TunDevice tun = TunDevice.open(lab.tun(), lab.netns());
        NetStack stack = new NetStack(new TunLink(tun, PooledByteBufAllocator.DEFAULT), STACK,
                PooledByteBufAllocator.DEFAULT);
        try (EventLoop loop = EventLoop.start(stack, SystemClock.INSTANCE, "tun-cycle")) {
            assertEquals(STACK, loop.call(() -> stack.address()).get());
        }
    }

    private static long openFileDescriptors() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Bonus check when tshark is installed (CI installs it): Wireshark's dissector agrees. */
    private static void assertTsharkReads(Path pcap) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/tshark"))) {
            return;
        }
        Process tshark = new ProcessBuilder("tshark", "-r", pcap.toString(), "-Y", "icmp", "-T", "fields",
                "-e", "icmp.type", "-e", "icmp.checksum.status").redirectErrorStream(false).start();
        String out = new String(tshark.getInputStream().readAllBytes());
        assertEquals(0, tshark.waitFor());
        List<String> lines = out.lines().toList();
        assertEquals(10, lines.size(), out);
        for (String line : lines) {
            assertTrue(line.endsWith("\t1"), "tshark: checksum good in '" + line + "'");
        }
    }

    private static boolean namespaceExists(String netns) {
        return Files.exists(Path.of("/var/run/netns", netns));
    }
}
