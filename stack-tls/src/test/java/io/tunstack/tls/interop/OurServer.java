package io.tunstack.tls.interop;

import io.tunstack.tls.TlsServer;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.TlsStreams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Our {@link TlsServer} on a free 127.0.0.1 port for one connection: reads a line, answers
 * "echo LINE", then closes with close_notify. {@link #result()} gives what the handshake negotiated.
 */
final class OurServer implements AutoCloseable {

    private final ServerSocket listener;
    private final CompletableFuture<TlsSession> served;

    private OurServer(TlsServerConfig config) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.served = CompletableFuture.supplyAsync(() -> {
            try (Socket socket = listener.accept()) {
                socket.setSoTimeout(15_000);
                TlsStreams tls = new TlsStreams(new TlsServer(config), socket.getInputStream(), socket.getOutputStream());
                TlsSession session = tls.handshake();
                String line = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                tls.getOutputStream().write(("echo " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                tls.close();
                return session;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static OurServer start(TlsServerConfig config) throws IOException {
        return new OurServer(config);
    }

    /** A server configuration with the openssl-made "localhost" certificate of {@code keyType} (EC or RSA). */
    static TlsServerConfig.Builder config(String keyType) throws Exception {
        TestPki pki = TestPki.get();
        boolean ec = keyType.equals("EC");
        PrivateKey key = TestPki.loadKey(ec ? pki.ecKey : pki.rsaKey, keyType);
        return TlsServerConfig.builder(key, List.of(TestPki.load(ec ? pki.ecCert : pki.rsaCert), TestPki.load(pki.caCert)));
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The server's session once the connection has been served. */
    TlsSession result() throws Exception {
        return served.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
