package io.tunstack.core.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.link.Impairment;
import io.tunstack.core.link.PcapReader;
import io.tunstack.core.tcp.TcpConfig;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.core.wire.TcpHeader;
import io.tunstack.testing.KernelPeer;
import io.tunstack.testing.StreamCheck;
import io.tunstack.testing.TunHost;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** tunstack TCP against the Linux kernel's TCP through a real TUN in a fresh namespace (root; CI). */
class TcpKernelTest {
    private static final String GATEWAY = "198.18.0.1";
    private static final String STACK = "198.18.0.2";
    private static final int PORT = 7000;
    private static final long MS = 1_000_000;

    /** The impairment: 2% loss, 25% reordering, 1% duplication, 5-15 ms delay, both directions. */
    private static final Impairment IMPAIRED = Impairment.NONE.withLoss(0.02).withReorder(0.25, 3 * MS)
            .withDuplicate(0.01).withDelay(5 * MS, 10 * MS);

    /** Sends {@code size} bytes to a kernel echo server and checks the echo; returns Mbit/s each way. */
    private static double echoThroughKernel(TunHost tun, long size) throws Exception {
        try (KernelPeer server = KernelPeer.start(tun.lab(), "echo-server", GATEWAY, Integer.toString(PORT));
                TcpSocket socket = tun.host().connect(TunHost.GATEWAY, PORT, Duration.ofSeconds(10))) {
            long start = System.nanoTime();
            CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    String sha = StreamCheck.writeRandom(socket.getOutputStream(), size, 42, 1 << 16);
                    socket.shutdownOutput();
                    return sha;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            StreamCheck.Digest echoed = StreamCheck.readAll(socket.getInputStream());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(size, echoed.length());
            assertEquals(sent.get(30, TimeUnit.SECONDS), echoed.sha256(), "echo is byte-exact");
            double mbps = size * 8 / seconds / 1e6;
            System.out.printf("tunstack client -> kernel echo: %d bytes each way in %.2f s = %.0f Mbit/s each way%n"
                    + "  %s%n", size, seconds, mbps, socket.stats());
            return mbps;
        }
    }

    /** A kernel client sends {@code size} bytes to a tunstack echo listener and checks the echo. */
    private static void kernelClientThroughTunstack(TunHost tun, long size) throws Exception {
        try (TcpServerSocket listener = tun.host().listen(PORT, 16)) {
            CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
                try (TcpSocket socket = listener.accept(Duration.ofSeconds(30))) {
                    byte[] buffer = new byte[1 << 16];
                    int n;
                    while ((n = socket.read(buffer, 0, buffer.length)) >= 0) {
                        socket.write(buffer, 0, n);
                    }
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            long start = System.nanoTime();
            try (KernelPeer client = KernelPeer.start(tun.lab(), "client", STACK, Integer.toString(PORT),
                    Long.toString(size))) {
                String sent = client.nextLine();
                String received = client.nextLine();
                double seconds = (System.nanoTime() - start) / 1e9;
                assertTrue(sent != null && sent.startsWith("sent " + size + " "), "client output: " + sent);
                assertEquals(sent.replace("sent", "recv"), received, "kernel got its bytes back unchanged");
                System.out.printf("kernel client -> tunstack echo: %d bytes each way in %.2f s%n", size, seconds);
            }
            echo.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void tunstackClientEchoes100MegabytesThroughTheKernel() throws Exception {
        try (TunHost tun = TunHost.start()) {
            echoThroughKernel(tun, 100L << 20);
        }
    }

    @Test
    void kernelClientEchoes100MegabytesThroughTunstack() throws Exception {
        try (TunHost tun = TunHost.start()) {
            kernelClientThroughTunstack(tun, 100L << 20);
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void bothDirectionsSurviveImpairmentAndKernelSideLoss() throws Exception {
        TunHost.Options options = TunHost.Options.defaults().withImpairment(7, IMPAIRED, IMPAIRED);
        try (TunHost tun = TunHost.start(options)) {
            // Extra loss on the kernel side, ahead of the TUN (RFC-free: nftables' numgen).
            tun.lab().exec(10, "nft", "add table inet tsloss");
            var chain = tun.lab().exec(10, "nft", "add chain inet tsloss out { type filter hook output priority 0; }");
            assertEquals(0, chain.exitCode(), chain.output());
            var rule = tun.lab().exec(10, "nft", "add rule inet tsloss out oifname \"" + tun.lab().tun()
                    + "\" numgen random mod 100 < 1 counter drop");
            assertEquals(0, rule.exitCode(), rule.output());

            // 2-3% random loss each way holds a loss-based congestion control to a few Mbit/s: with RACK-TLP and
            // undo about 9 Mbit/s each way (3 before), so 100 MB each way takes about three minutes.
            try (AutoCloseable reporter = tun.reportWhileRunning(Duration.ofSeconds(30))) {
                echoThroughKernel(tun, 100L << 20);
                kernelClientThroughTunstack(tun, 100L << 20);
            }

            var counters = tun.lab().exec(10, "nft", "list chain inet tsloss out");
            assertTrue(counters.output().matches("(?s).*counter packets [1-9].*"), "nftables dropped packets: "
                    + counters.output());
            assertTrue(tun.impairment().inboundStats().dropped.get() > 0);
            assertTrue(tun.impairment().outboundStats().reordered.get() > 0);
        }
    }

    @Test
    void closedPortIsRefused() throws Exception {
        try (TunHost tun = TunHost.start()) {
            ConnectException refused = assertThrows(ConnectException.class,
                    () -> tun.host().connect(TunHost.GATEWAY, 9, Duration.ofSeconds(10)));
            assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
        }
    }

    @Test
    void peerResetMidStreamSurfacesAsAnException() throws Exception {
        try (TunHost tun = TunHost.start();
                KernelPeer server = KernelPeer.start(tun.lab(), "reset-server", GATEWAY, Integer.toString(PORT),
                        "100000");
                TcpSocket socket = tun.host().connect(TunHost.GATEWAY, PORT, Duration.ofSeconds(10))) {
            socket.setReadTimeout(Duration.ofSeconds(20));
            SocketException reset = assertThrows(SocketException.class, () -> {
                byte[] chunk = new byte[16384];
                for (int i = 0; i < 10_000; i++) {
                    socket.write(chunk, 0, chunk.length);
                }
            });
            assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
            assertTrue(server.nextLine().startsWith("reset after"));
        }
    }

    @Test
    void ourAbortResetsTheKernelsConnection() throws Exception {
        try (TunHost tun = TunHost.start();
                KernelPeer server = KernelPeer.start(tun.lab(), "sink-server", GATEWAY, Integer.toString(PORT))) {
            TcpSocket socket = tun.host().connect(TunHost.GATEWAY, PORT, Duration.ofSeconds(10));
            socket.write(new byte[1000], 0, 1000);
            Thread.sleep(100);
            socket.abort();
            assertEquals("reset 1000", server.nextLine());
        }
    }

    @Test
    void halfCloseWorksInBothDirections() throws Exception {
        try (TunHost tun = TunHost.start()) {
            // Kernel half-closes first: the python client sends, shuts down writing, then reads our reply.
            try (TcpServerSocket listener = tun.host().listen(PORT, 4)) {
                CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                    try (TcpSocket socket = listener.accept(Duration.ofSeconds(30))) {
                        StreamCheck.Digest request = StreamCheck.readAll(socket.getInputStream());
                        byte[] reply = ("got " + request.length()).getBytes(StandardCharsets.US_ASCII);
                        socket.write(reply, 0, reply.length);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                try (KernelPeer client = KernelPeer.start(tun.lab(), "client", STACK, Integer.toString(PORT),
                        "5000")) {
                    assertTrue(client.nextLine().startsWith("sent 5000"));
                    String recv = client.nextLine();
                    assertTrue(recv.startsWith("recv 8 "), "client read our reply after its FIN: " + recv);
                }
                server.get(30, TimeUnit.SECONDS);
            }
            // We half-close first: the echo server keeps sending after our FIN (covered with data too).
            echoThroughKernel(tun, 10_000);
        }
    }

    @Test
    void twoHundredConnectionsInARowLeaveNothingBehind() throws Exception {
        TcpConfig config = TcpConfig.builder().msl(Duration.ofMillis(50)).build();
        try (TunHost tun = TunHost.start(TunHost.Options.defaults().withTcp(config));
                KernelPeer server = KernelPeer.start(tun.lab(), "echo-server", GATEWAY, Integer.toString(PORT))) {
            byte[] hello = "hello, kernel".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 200; i++) {
                try (TcpSocket socket = tun.host().connect(TunHost.GATEWAY, PORT, Duration.ofSeconds(10))) {
                    socket.write(hello, 0, hello.length);
                    socket.shutdownOutput();
                    assertEquals(hello.length, StreamCheck.readAll(socket.getInputStream()).length());
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int left;
            do {
                Thread.sleep(20);
                left = tun.host().onLoop(l -> l.tcp().connectionCount());
            } while (left > 0 && System.nanoTime() < deadline);
            assertEquals(0, left, "every connection left TIME-WAIT and was forgotten");
        }
    }

    @Test
    void pcapShowsTheSeedsHandshakeAndACleanClose(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("handshake.pcap");
        try (TunHost tun = TunHost.start(TunHost.Options.defaults().withPcap(pcap))) {
            echoThroughKernel(tun, 1000);
            Thread.sleep(200); // let the last ACK of the close go out
        }
        List<TcpHeader> segments = new ArrayList<>();
        List<Boolean> fromUs = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        Ipv4Header ip = new Ipv4Header();
        for (PcapReader.Record record : PcapReader.read(pcap)) {
            ByteBuf packet = Unpooled.wrappedBuffer(record.data());
            if (ip.parse(packet) != null || ip.protocol != IpProtocol.TCP) {
                continue;
            }
            TcpHeader tcp = new TcpHeader();
            assertEquals(null, tcp.parse(packet, ip.headerLength(), ip.payloadLength(), ip.srcAddr, ip.dstAddr, true),
                    "valid TCP checksum");
            segments.add(tcp);
            fromUs.add(ip.srcAddr == TunHost.GATEWAY + 1);
            lengths.add(ip.payloadLength() - tcp.dataOffset());
        }
        TcpHeader syn = segments.get(0);
        TcpHeader synAck = segments.get(1);
        TcpHeader ack = segments.get(2);
        assertTrue(fromUs.get(0) && syn.flags == TcpHeader.SYN, "1. SYN from tunstack: " + syn);
        assertTrue(!fromUs.get(1) && synAck.flags == (TcpHeader.SYN | TcpHeader.ACK), "2. SYN-ACK: " + synAck);
        assertEquals(syn.seq + 1, synAck.ack, "SYN-ACK acknowledges client ISN + 1");
        assertTrue(fromUs.get(2) && (ack.flags & TcpHeader.ACK) != 0 && (ack.flags & TcpHeader.SYN) == 0);
        assertEquals(synAck.seq + 1, ack.ack, "ACK acknowledges server ISN + 1");
        assertEquals(syn.seq + 1, ack.seq);

        // The close: each side's FIN is acknowledged by the other (FIN occupies one sequence number), and no
        // RST comes before both acknowledgements.
        Integer ourFinEnd = null;
        Integer theirFinEnd = null;
        boolean ourFinAcked = false;
        boolean theirFinAcked = false;
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            TcpHeader segment = segments.get(i);
            trace.append(fromUs.get(i) ? "\n  tunstack > " : "\n  kernel   > ").append(segment);
            assertTrue((segment.flags & TcpHeader.RST) == 0 || ourFinAcked && theirFinAcked,
                    "no RST before the FIN exchange completed:" + trace);
            if ((segment.flags & TcpHeader.FIN) != 0) {
                int end = segment.seq + lengths.get(i) + 1;
                if (fromUs.get(i)) {
                    ourFinEnd = end;
                } else {
                    theirFinEnd = end;
                }
            }
            if ((segment.flags & TcpHeader.ACK) != 0) {
                ourFinAcked |= !fromUs.get(i) && ourFinEnd != null && segment.ack == ourFinEnd;
                theirFinAcked |= fromUs.get(i) && theirFinEnd != null && segment.ack == theirFinEnd;
            }
        }
        assertTrue(ourFinEnd != null && theirFinEnd != null, "both sides sent FIN:" + trace);
        assertTrue(ourFinAcked, "the kernel acknowledged tunstack's FIN:" + trace);
        assertTrue(theirFinAcked, "tunstack acknowledged the kernel's FIN:" + trace);
        if (segments.stream().anyMatch(s -> (s.flags & TcpHeader.RST) != 0)) {
            System.out.println("a RST followed the completed close:" + trace);
        }
    }
}
