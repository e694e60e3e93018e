package io.tunstack.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsStreams;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a connection ends is visible to the caller (RFC 8446 §6.1): close_notify reads as end of stream,
 * a transport FIN without it as truncation (EOFException), and a reset as the transport's SocketException.
 */
@Timeout(60)
class TransportEndingTest {
    /** What the server does after sending its last application data. */
    enum Ending { CLOSE_NOTIFY, FIN_WITHOUT_CLOSE_NOTIFY, RESET }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void theCallerCanTellCloseNotifyFinAndResetApart(Ending ending) throws Exception {
        SSLContext context = JsseServerInteropTest.serverContext("SunJSSE", "EC");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch helloRead = new CountDownLatch(1);
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> serve(context, listener, ending, helloRead));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                TlsStreams tls = new TlsStreams(TlsConfig.builder().serverName("localhost").insecure().build(),
                        socket.getInputStream(), socket.getOutputStream());
                tls.handshake();
                InputStream in = tls.getInputStream();
                byte[] hello = in.readNBytes(6);
                assertEquals("hello\n", new String(hello, StandardCharsets.US_ASCII));
                helloRead.countDown(); // a reset discards unread data, so end only after it was read
                server.get(10, TimeUnit.SECONDS);
                switch (ending) {
                    case CLOSE_NOTIFY -> {
                        assertEquals(-1, in.read());
                        assertEquals(TlsClient.Status.CLOSED, tls.client().status());
                    }
                    case FIN_WITHOUT_CLOSE_NOTIFY -> {
                        assertThrows(EOFException.class, in::read);
                        assertEquals(TlsClient.Status.TRUNCATED, tls.client().status());
                    }
                    case RESET -> {
                        IOException reset = assertThrows(IOException.class, in::read);
                        assertInstanceOf(SocketException.class, reset, "the transport's reset, not EOF: " + reset);
                        assertFalse(reset instanceof EOFException);
                        assertEquals(TlsClient.Status.CONNECTED, tls.client().status(), "no TLS-level ending seen");
                    }
                }
            }
        }
    }

    private static void serve(SSLContext context, ServerSocket listener, Ending ending, CountDownLatch helloRead) {
        try {
            Socket plain = listener.accept();
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
            tls.setUseClientMode(false);
            tls.startHandshake();
            tls.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            if (!helloRead.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("client did not read the greeting");
            }
            switch (ending) {
                case CLOSE_NOTIFY -> tls.close();
                case FIN_WITHOUT_CLOSE_NOTIFY -> plain.shutdownOutput();
                case RESET -> {
                    plain.setSoLinger(true, 0); // close() now sends RST (RFC 9293 §3.10.5 ABORT)
                    plain.close();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
