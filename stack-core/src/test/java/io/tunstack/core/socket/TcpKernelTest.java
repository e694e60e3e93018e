package io.tunstack.core.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.core.lab.LabNamespace;
import io.tunstack.testing.StreamCheck;
import io.tunstack.testing.TunHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** tunstack TCP against the Linux kernel's TCP through a real TUN in a fresh namespace. */
class TcpKernelTest {
    private static final int ECHO_PORT = 7000;

    static Process startEchoServer(LabNamespace lab) throws IOException {
        Path script = Files.createTempFile("echo_server", ".py");
        try (var in = TcpKernelTest.class.getResourceAsStream("/echo_server.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process server = lab.start("python3", script.toString(), "198.18.0.1", Integer.toString(ECHO_PORT));
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            server.destroyForcibly();
            throw new IOException("echo server did not start: " + line);
        }
        return server;
    }

    /** Sends {@code size} bytes to the kernel echo server and checks the echo byte for byte. */
    static double echoThroughKernel(TunHost tun, long size) throws Exception {
        Process server = startEchoServer(tun.lab());
        try (TcpSocket socket = tun.host().connect(TunHost.GATEWAY, ECHO_PORT, Duration.ofSeconds(10))) {
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
            System.out.printf("tunstack -> kernel echo: %d bytes each way in %.2f s = %.0f Mbit/s each way%n", size,
                    seconds, mbps);
            return mbps;
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void echoesOneMegabyteThroughTheKernel() throws Exception {
        try (TunHost tun = TunHost.start()) {
            assertTrue(echoThroughKernel(tun, 1 << 20) > 0);
        }
    }
}
