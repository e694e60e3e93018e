package io.tunstack.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PooledByteBufAllocator;
import io.tunstack.core.lab.LabNamespace;
import io.tunstack.core.socket.Host;
import io.tunstack.core.socket.TcpServerSocket;
import io.tunstack.core.socket.TcpSocket;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.nativ.TunDevice;
import io.tunstack.testing.RootRequirement;
import io.tunstack.testing.StreamCheck;
import io.tunstack.testing.TunHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TunLink with IFF_VNET_HDR offloads against the kernel's TCP, UDP and ICMP in a fresh namespace (root; CI). */
@Timeout(300)
class TunOffloadKernelTest {
    private static final String STACK = LabNamespace.DEFAULT_STACK_ADDRESS;
    private static final int PORT = 7000;
    /** Sends argv[2] bytes (a random 1 MiB block over and over) to argv[1]:7000, prints their SHA-256. */
    private static final String SENDER = String.join("\n",
            "import hashlib, os, socket, sys",
            "left = int(sys.argv[2])",
            "block = os.urandom(1 << 20)",
            "sha = hashlib.sha256()",
            "s = socket.create_connection((sys.argv[1], 7000), timeout=120)",
            "while left > 0:",
            "    chunk = block[:min(left, len(block))]",
            "    s.sendall(chunk)",
            "    sha.update(chunk)",
            "    left -= len(chunk)",
            "s.shutdown(socket.SHUT_WR)",
            "s.recv(1)",
            "print(sha.hexdigest(), flush=True)");

    /** A kernel client sends {@code size} bytes to a tunstack listener; checks them, returns Mbit/s. */
    private static double kernelSendsToTunstack(LabNamespace lab, Host host, long size) throws Exception {
        try (TcpServerSocket listener = host.listen(PORT, 4)) {
            Process sender = lab.start("python3", "-c", SENDER, STACK, Long.toString(size));
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(sender.getInputStream(), StandardCharsets.UTF_8))) {
                StreamCheck.Digest received;
                double seconds;
                try (TcpSocket socket = listener.accept(Duration.ofSeconds(30))) {
                    long start = System.nanoTime();
                    received = StreamCheck.readAll(socket.getInputStream());
                    seconds = (System.nanoTime() - start) / 1e9;
                }
                assertEquals(size, received.length());
                assertEquals(output.readLine(), received.sha256(), "tunstack got the kernel's bytes unchanged");
                return size * 8 / seconds / 1e6;
            } finally {
                sender.destroyForcibly();
            }
        }
    }

    /**
     * 100 MB kernel -> tunstack without and with offloads, after a warm-up of both (the JIT would favour whichever
     * runs second), in alternating rounds as the load on the machine varies; prints each run's Mbit/s.
     */
    @Test
    void kernelSends100MegabytesAsSuperSegments() throws Exception {
        long size = 100L << 20;
        StringBuilder plain = new StringBuilder();
        StringBuilder offloaded = new StringBuilder();
        for (int round = 0; round <= 3; round++) {
            long bytes = round == 0 ? size / 4 : size;
            try (TunHost tun = TunHost.start()) {
                double mbps = kernelSendsToTunstack(tun.lab(), tun.host(), bytes);
                plain.append(round == 0 ? "" : String.format(" %.0f", mbps));
                assertEquals(0, tun.tunLink().oversizePackets());
            }
            try (TunHost tun = TunHost.start(TunHost.Options.defaults().withOffloads())) {
                double mbps = kernelSendsToTunstack(tun.lab(), tun.host(), bytes);
                TunLink link = tun.tunLink();
                offloaded.append(round == 0 ? "" : String.format(" %.0f (%d super-segments)", mbps,
                        link.oversizePackets()));
                assertTrue(link.oversizePackets() > 0, "the kernel handed over packets longer than the MTU");
                assertTrue(link.checksumsCompleted() > 0, "partial checksums were completed");
                assertTrue(tun.host().ip().counters().checksumValidated() >= link.checksumsCompleted(),
                        "segments whose checksum the link completed are not verified again");
                assertEquals(0, link.receiveErrors());
            }
        }
        System.out.printf("kernel client -> tunstack listener, %d bytes, Mbit/s per run after a warm-up:%n"
                + "  without offloads:%s%n  with IFF_VNET_HDR + TSO:%s%n", size, plain, offloaded);
    }

    @Test
    void udpDatagramWithPartialChecksumArrives() throws Exception {
        try (TunHost tun = TunHost.start(TunHost.Options.defaults().withOffloads())) {
            CompletableFuture<String> datagram = new CompletableFuture<>();
            tun.host().onLoop(l -> l.udp().bind(0, 9, (socket, src, srcPort, payload) ->
                    datagram.complete(payload.toString(StandardCharsets.US_ASCII))));
            long completedBefore = tun.tunLink().checksumsCompleted();
            var sent = tun.lab().exec(10, "bash", "-c", "echo -n hello-offload > /dev/udp/" + STACK + "/9");
            assertEquals(0, sent.exitCode(), sent.output());
            assertEquals("hello-offload", datagram.get(10, TimeUnit.SECONDS), "UDP verified the completed checksum");
            assertTrue(tun.tunLink().checksumsCompleted() > completedBefore, "the kernel left the checksum partial");
        }
    }

    @Test
    void pingIsAnsweredWithOffloads() throws Exception {
        try (TunHost tun = TunHost.start(TunHost.Options.defaults().withOffloads())) {
            var ping = tun.lab().exec(20, "ping", "-c", "3", "-i", "0.2", "-W", "2", "-s", "1400", STACK);
            assertEquals(0, ping.exitCode(), ping.output());
            assertTrue(ping.output().contains("3 received"), ping.output());
        }
    }

    @Test
    void plainOpenSwitchesOffOffloadsAnEarlierUserLeftOnThePersistentTun() throws Exception {
        RootRequirement.check();
        try (LabNamespace lab = LabNamespace.createFresh(1500)) {
            TunDevice.open(lab.tun(), lab.netns(), true).close();
            TunLink link = new TunLink(TunDevice.open(lab.tun(), lab.netns()), PooledByteBufAllocator.DEFAULT);
            try (Host host = Host.builder(link, Ipv4Address.parse(STACK)).start()) {
                kernelSendsToTunstack(lab, host, 10L << 20);
            }
            assertEquals(0, link.receiveErrors(), "no super-segment was truncated to the MTU");
        }
    }
}
