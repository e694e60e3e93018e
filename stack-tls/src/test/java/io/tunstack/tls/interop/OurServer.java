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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Our {@link TlsServer} on a free 127.0.0.1 port for one connection (or a few, one after the other):
 * reads a line, answers "echo LINE", then closes with close_notify. {@link #result()} gives what the
 * (last) handshake negotiated, {@link #results()} each one's.
 */
final class OurServer implements AutoCloseable {

    private final ServerSocket listener;
    private final CompletableFuture<List<TlsSession>> served;

    private OurServer(TlsServerConfig config, int connections) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.served = CompletableFuture.supplyAsync(() -> {
            List<TlsSession> sessions = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(15_000);
                    TlsStreams tls = new TlsStreams(new TlsServer(config), socket.getInputStream(), socket.getOutputStream());
                    sessions.add(tls.handshake());
                    String line = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                    if (line == null) {
                        continue; // a client that only shook hands (gnutls-cli --resume's first connection)
                    }
                    tls.getOutputStream().write(("echo " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    tls.close();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return sessions;
        });
    }

    static OurServer start(TlsServerConfig config) throws IOException {
        return new OurServer(config, 1);
    }

    /** Serves {@code connections} connections one after the other on the same port. */
    static OurServer start(TlsServerConfig config, int connections) throws IOException {
        return new OurServer(config, connections);
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
        List<TlsSession> sessions = results();
        return sessions.get(sessions.size() - 1);
    }

    /** Every connection's session, once all have been served. */
    List<TlsSession> results() throws Exception {
        return served.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
