package io.tunstack.core.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tunstack.core.lab.LabNamespace;
import io.tunstack.testing.TunHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Urgent data against Linux through a TUN, both ways. Linux (BSD semantics, RFC 6093 §4) takes the octet before
 * the urgent pointer out of band ({@code MSG_OOB}); tunstack keeps urgent data inline and counts it.
 */
class TcpUrgentKernelTest {
    private static final int PORT = 7001;
    private static final String CLIENT = String.join("\n",
            "import select, socket",
            "s = socket.create_connection(('198.18.0.2', " + PORT + "), timeout=20)",
            "s.sendall(b'hello')",
            "s.send(b'!', socket.MSG_OOB)",
            "select.select([], [], [s], 20)",
            "oob = s.recv(1, socket.MSG_OOB)",
            "data = b''",
            "while True:",
            "    d = s.recv(100)",
            "    if not d: break",
            "    data += d",
            "print(oob.decode(), data.decode())");

    @Test
    void urgentDataBothWaysAsLinuxUnderstandsIt() throws Exception {
        try (TunHost tun = TunHost.start(); TcpServerSocket listener = tun.host().listen(PORT, 4)) {
            CompletableFuture<LabNamespace.CommandResult> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return tun.lab().exec(30, "python3", "-c", CLIENT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (TcpSocket socket = listener.accept(Duration.ofSeconds(20))) {
                byte[] hello = socket.getInputStream().readNBytes(5);
                assertEquals("hello", new String(hello, StandardCharsets.US_ASCII));
                // Linux's pointer marks the octet after '!': one urgent octet ahead of the read position.
                awaitUrgentBytes(socket, 1);
                assertEquals('!', socket.getInputStream().read(), "urgent data stays inline");
                assertEquals(0, socket.urgentBytes(), "nothing urgent after the mark");
                byte[] data = "data".getBytes(StandardCharsets.US_ASCII);
                socket.write(data, 0, data.length);
                socket.writeUrgent(new byte[] {'?'}, 0, 1);
                socket.shutdownOutput();
                LabNamespace.CommandResult result = client.get(30, TimeUnit.SECONDS);
                assertEquals(0, result.exitCode(), result.output());
                assertEquals("? data\n", result.output(), "Linux took the octet before our pointer out of band");
            }
        }
    }

    private static void awaitUrgentBytes(TcpSocket socket, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (socket.urgentBytes() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("urgent bytes " + socket.urgentBytes() + ", expected " + expected);
            }
            Thread.sleep(5);
        }
    }
}
