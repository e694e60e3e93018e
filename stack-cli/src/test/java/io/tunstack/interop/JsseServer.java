package io.tunstack.interop;

import io.tunstack.nativ.NetNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A JSSE TLS server in this JVM whose listening socket lives in the lab namespace: the socket is
 * created by a thread that has entered the namespace and stays bound there, so accepting on an
 * ordinary thread serves connections that arrive over the TUN. Serves one client: reads its request
 * line, answers with one line, closes with close_notify.
 */
final class JsseServer implements AutoCloseable {
    private static final int SOCKET_TIMEOUT_MILLIS = 20_000;

    private final SSLServerSocket listener;
    private final CompletableFuture<Served> served = new CompletableFuture<>();

    /** What the server negotiated and received. */
    record Served(String protocol, String cipherSuite, String request) {
    }

    private JsseServer(SSLServerSocket listener) {
        this.listener = listener;
        Thread thread = new Thread(this::serveOne, "jsse-server-" + listener.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Listens on the gateway address of namespace {@code netns}, port {@code port}, allowing only {@code protocol}.
     *
     * @param provider the JSSE provider, or null for the JDK's default (SunJSSE)
     */
    static JsseServer start(String netns, int port, Provider provider, InteropPki.ServerKey key, String protocol)
            throws Exception {
        SSLContext context = context(provider, key.pkcs12());
        SSLServerSocket listener = NetNamespace.call(netns, () -> (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(port, 1, InetAddress.getByName(InteropPki.GATEWAY_ADDRESS)));
        listener.setEnabledProtocols(new String[] {protocol});
        listener.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        return new JsseServer(listener);
    }

    private static SSLContext context(Provider provider, Path pkcs12) throws GeneralSecurityException, IOException {
        char[] password = InteropPki.PKCS12_PASSWORD.toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = provider == null ? KeyManagerFactory.getInstance("PKIX")
                : KeyManagerFactory.getInstance("PKIX", provider);
        keys.init(store, password);
        SSLContext context = provider == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", provider);
        context.init(keys.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    private void serveOne() {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            socket.startHandshake();
            String request = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            OutputStream out = socket.getOutputStream();
            out.write(("served " + request + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            served.complete(new Served(socket.getSession().getProtocol(), socket.getSession().getCipherSuite(), request));
        } catch (IOException | RuntimeException e) {
            served.completeExceptionally(e);
        }
    }

    /** Waits for the one connection to have been served. */
    Served served() throws IOException, InterruptedException {
        try {
            return served.get(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("JSSE server failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("JSSE server served nobody within " + SOCKET_TIMEOUT_MILLIS + " ms", e);
        }
    }

    /** Closes the listener, which also ends a pending accept. */
    @Override
    public void close() throws IOException {
        listener.close();
    }
}
