package io.tunstack.core.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.lab.LabNamespace;
import io.tunstack.testing.RootRequirement;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** UDP between tunstack and the Linux kernel's UDP through a real TUN in a fresh namespace. */
class TunUdpTest {
    private static final int ECHO_PORT = 7777;
    private static final String ECHO_SERVER = String.join("\n",
            "import socket",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.bind(('198.18.0.1', " + ECHO_PORT + "))",
            "print('ready', flush=True)",
            "while True:",
            "    data, peer = s.recvfrom(65535)",
            "    s.sendto(data.upper(), peer)");
    /** A connected UDP socket learns of our ICMP port unreachable as ECONNREFUSED (RFC 1122 §4.1.3.3). */
    private static final String REFUSED_CLIENT = String.join("\n",
            "import socket",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.settimeout(5)",
            "s.connect(('198.18.0.2', 9))",
            "s.send(b'anyone?')",
            "try:",
            "    s.recv(100)",
            "    print('answered')",
            "except ConnectionRefusedError:",
            "    print('refused')");

    @Test
    void echoesWithAKernelSocketAndRefusesUnboundPorts() throws Exception {
        RootRequirement.check();
        try (TunUdpLab tun = TunUdpLab.start("tun-udp");
                LabServer echo = LabServer.start(tun.lab, "ready", "python3", "-u", "-c", ECHO_SERVER)) {
            echo.awaitReady(10);
            CompletableFuture<String> reply = new CompletableFuture<>();
            tun.loop.call(() -> {
                UdpSocket socket = tun.udp.bind(0, 0, (s, src, srcPort, payload) -> {
                    reply.complete(srcPort + " " + payload.toString(StandardCharsets.US_ASCII));
                    s.close();
                });
                ByteBuf hello = tun.udp.alloc().buffer().writeBytes("hello kernel".getBytes(StandardCharsets.US_ASCII));
                socket.send(TunUdpLab.GATEWAY, ECHO_PORT, hello);
                return socket;
            }).get(5, TimeUnit.SECONDS);

            assertEquals(ECHO_PORT + " HELLO KERNEL", reply.get(10, TimeUnit.SECONDS));

            LabNamespace.CommandResult refused = tun.lab.exec(20, "python3", "-c", REFUSED_CLIENT);
            assertEquals(0, refused.exitCode(), refused.output());
            assertEquals("refused", refused.output().strip(), "the kernel accepted our port unreachable");
            assertTrue(tun.udp.counters().portUnreachableSent() >= 1, tun.udp.counters().toString());
            assertEquals(0, tun.udp.boundSockets());
        }
    }
}
