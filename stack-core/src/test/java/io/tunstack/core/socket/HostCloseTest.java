package io.tunstack.core.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.core.link.Impairment;
import io.tunstack.core.link.ImpairmentLink;
import io.tunstack.core.link.MemoryLink;
import io.tunstack.core.time.SystemClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing a {@link Host} while its connections still carry data: what the application wrote and closed is
 * delivered within the linger time, and whatever is left after it is reset rather than silently dropped.
 * Two hosts over an in-memory link whose client-to-server direction is delayed, so data is in flight at close.
 */
@Timeout(60)
class HostCloseTest {
    private static final int CLIENT = 0x0A000001;
    private static final int SERVER = 0x0A000002;
    private static final int PORT = 7000;
    private static final long DELAY_NANOS = 20_000_000;

    private Host client;
    private Host server;
    private TcpServerSocket listening;
    private TcpSocket out;
    private TcpSocket in;

    /** The sockets hold nothing outside their hosts: stopping the hosts releases everything. */
    @AfterEach
    void closeHosts() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dataWrittenBeforeCloseIsDeliveredBeforeTheHostStops() throws Exception {
        start(Duration.ofSeconds(10));
        byte[] data = new byte[1_000_000];
        new Random(7).nextBytes(data);
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(in));
        // The send buffer is still full when the socket and then the host are closed.
        out.getOutputStream().write(data);
        out.close();
        long began = System.nanoTime();
        client.close();
        assertTrue(System.nanoTime() - began < 10_000_000_000L, "the host waited for the whole linger time");
        assertArrayEquals(data, received.get(10, TimeUnit.SECONDS));
    }

    @Test
    void afterTheLingerTimeWhatIsLeftIsReset() throws Exception {
        start(Duration.ofMillis(200));
        // The server never reads: its window closes, the client's FIN can never go out.
        byte[] data = new byte[2_000_000];
        Thread writer = new Thread(() -> {
            try {
                out.getOutputStream().write(data);
            } catch (IOException expected) {
                // the host stops under the blocked write
            }
        });
        writer.start();
        awaitServerBuffered(in);
        client.close();
        writer.join(5_000);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        SocketException reset = assertThrows(SocketException.class, () -> in.getInputStream().transferTo(got));
        assertEquals("connection reset by peer", reset.getMessage());
        assertEquals(0, (int) server.onLoop(l -> l.tcp().connectionCount()));
    }

    @Test
    void aConnectionTheApplicationLeftOpenIsResetAtOnce() throws Exception {
        start(Duration.ofSeconds(10));
        out.getOutputStream().write(new byte[100]);
        assertEquals(100, in.getInputStream().readNBytes(100).length);
        long began = System.nanoTime();
        client.close();
        assertTrue(System.nanoTime() - began < 1_000_000_000L, "lingered on a connection nobody closed");
        assertThrows(SocketException.class, () -> in.getInputStream().read());
        assertThrows(SocketException.class, () -> out.getOutputStream().write(1), "host stopped");
    }

    private static byte[] readAll(TcpSocket in) {
        try {
            return in.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts both hosts and connects {@link #out} (client) to {@link #in} (server). */
    private void start(Duration linger) throws IOException {
        MemoryLink[] links = MemoryLink.pair(1500);
        // The delay sits on the server's side, so what the client sent just before it stopped still arrives.
        Impairment delayed = Impairment.NONE.withDelay(DELAY_NANOS, 0);
        client = Host.builder(links[0], CLIENT).linger(linger).threadName("client-loop").start();
        server = Host.builder(new ImpairmentLink(links[1], SystemClock.INSTANCE, 1, delayed, Impairment.NONE), SERVER)
                .linger(Duration.ZERO).threadName("server-loop").start();
        listening = server.listen(PORT, 4);
        out = client.connect(SERVER, PORT, Duration.ofSeconds(5));
        in = listening.accept(Duration.ofSeconds(5));
    }

    /** Waits until the server's receive buffer is full, so the client's window is closed. */
    private void awaitServerBuffered(TcpSocket in) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int last = -1;
        while (System.nanoTime() < deadline) {
            int readable = server.onLoop(l -> l.tcp().find(SERVER, PORT, CLIENT, in.remotePort()).readableBytes());
            if (readable > 0 && readable == last) {
                return;
            }
            last = readable;
            Thread.sleep(100);
        }
        throw new AssertionError("the server's buffer never filled");
    }
}
