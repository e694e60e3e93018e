package io.tunstack.core.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.core.dns.DnsError;
import io.tunstack.core.dns.DnsResolver;
import io.tunstack.core.dns.DnsResult;
import io.tunstack.core.lab.LabNamespace;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.testing.TunHost;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * ICMP errors the Linux kernel sends back through the TUN reach the socket that caused them (RFC 1122 §3.2.2,
 * §4.1.3.3, §4.2.3.9). Everything stays inside the test's namespace: the unreachable destination is a route of
 * type {@code unreachable} there, inside the benchmarking range.
 */
class IcmpKernelTest {
    private static final int NOWHERE = Ipv4Address.parse("198.19.99.1");

    @Test
    void aDnsQueryToAPortWithoutServerFailsAtOnceOnPortUnreachable() throws Exception {
        try (TunHost tun = TunHost.start()) {
            long began = System.nanoTime();
            DnsResult result = tun.host().onLoop(l -> new DnsResolver(l.udp(), l.tcp(), tun.host().clock(),
                    TunHost.GATEWAY)).resolveBlocking(tun.host().loop(), "example.test", Duration.ofSeconds(10));
            long millis = (System.nanoTime() - began) / 1_000_000;

            assertEquals(DnsError.UNREACHABLE, result.error(), result.toString());
            assertEquals("port unreachable from 198.18.0.1", result.detail());
            assertTrue(millis < 900, "answered by ICMP before the first retransmission (1 s): " + millis + " ms");
        }
    }

    /**
     * Path MTU discovery (RFC 1191) through a router: the lab namespace forwards to a second namespace over a veth
     * whose route is limited to 1200 octets, while the server there announces MSS 1460. Our full-sized segments
     * (DF set) draw Fragmentation Needed; every later segment must fit, and the whole megabyte arrive.
     */
    @Test
    void pathMtuDiscoveryThroughARouterWithASmallerMtu() throws Exception {
        String far = "ts-far-" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        try (TunHost tun = TunHost.start()) {
            LabNamespace lab = tun.lab();
            try {
                run("ip", "netns", "add", far);
                run("ip", "link", "add", "vfar0", "netns", lab.netns(), "type", "veth", "peer", "name", "vfar1",
                        "netns", far);
                labRun(lab, "sysctl", "-qw", "net.ipv4.ip_forward=1");
                labRun(lab, "ip", "addr", "add", "198.19.1.1/24", "dev", "vfar0");
                labRun(lab, "ip", "link", "set", "vfar0", "up");
                labRun(lab, "ip", "route", "replace", "198.19.1.0/24", "dev", "vfar0", "mtu", "1200");
                run("ip", "netns", "exec", far, "ip", "addr", "add", "198.19.1.2/24", "dev", "vfar1");
                run("ip", "netns", "exec", far, "ip", "link", "set", "vfar1", "up");
                run("ip", "netns", "exec", far, "ip", "route", "add", "default", "via", "198.19.1.1");
                Process server = new ProcessBuilder("ip", "netns", "exec", far, "python3", "-c", String.join("\n",
                        "import socket",
                        "l = socket.create_server(('198.19.1.2', 7002))",
                        "print('ready', flush=True)",
                        "c, _ = l.accept()",
                        "n = 0",
                        "while True:",
                        "    d = c.recv(65536)",
                        "    if not d: break",
                        "    n += len(d)",
                        "c.sendall(str(n).encode())",
                        "c.close()")).redirectErrorStream(true).start();
                try {
                    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream()));
                    assertEquals("ready", out.readLine());
                    try (TcpSocket socket = tun.host().connect(Ipv4Address.parse("198.19.1.2"), 7002,
                            Duration.ofSeconds(10))) {
                        socket.write(new byte[1_000_000], 0, 1_000_000);
                        socket.shutdownOutput();
                        assertEquals("1000000", new String(socket.getInputStream().readAllBytes(),
                                StandardCharsets.US_ASCII));
                        // Without path MTU discovery no full-sized segment would ever pass the router.
                        assertTrue(tun.host().ip().counters().icmpErrors() > 0, tun.diagnostics());
                    }
                } finally {
                    server.destroyForcibly();
                }
            } finally {
                new ProcessBuilder("ip", "netns", "del", far).start().waitFor();
            }
        }
    }

    private static void labRun(LabNamespace lab, String... command) throws Exception {
        LabNamespace.CommandResult result = lab.exec(10, command);
        assertEquals(0, result.exitCode(), String.join(" ", command) + ": " + result.output());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
    }

    @Test
    void aConnectTimeoutNamesTheHostUnreachableTheRouterReported() throws Exception {
        try (TunHost tun = TunHost.start()) {
            LabNamespace lab = tun.lab();
            assertEquals(0, lab.exec(10, "sysctl", "-qw", "net.ipv4.ip_forward=1").exitCode());
            assertEquals(0, lab.exec(10, "ip", "route", "add", "unreachable", "198.19.99.0/24").exitCode());

            SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class,
                    () -> tun.host().connect(NOWHERE, 80, Duration.ofSeconds(2)));

            assertEquals("connect to 198.19.99.1:80 timed out (last ICMP error: host unreachable from 198.18.0.1)",
                    timeout.getMessage());
        }
    }
}
