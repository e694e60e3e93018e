package io.tunstack.interop;

import io.tunstack.core.lab.LabNamespace;
import io.tunstack.core.socket.TcpSocket;
import io.tunstack.testing.TunHost;
import io.tunstack.tls.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test class' world, registered with {@code @RegisterExtension}: a fresh namespace with tunstack
 * on its TUN ({@link TunHost}, skipped without root), a throw-away PKI in a temporary folder, and
 * distinct server ports so no test meets another's leftovers. After the class, the namespace and the
 * folder are removed, also when a test failed.
 */
final class InteropLab implements BeforeAllCallback, AfterAllCallback {
    private static final int FIRST_PORT = 4433;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private Path dir;
    private TunHost tun;
    private InteropPki pki;
    private int nextPort = FIRST_PORT;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("tunstack-interop");
        tun = TunHost.start();
        pki = InteropPki.create(dir.resolve("pki"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (tun != null) {
                tun.close();
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A folder for this class' files, removed after it. */
    Path dir() {
        return dir;
    }

    LabNamespace namespace() {
        return tun.lab();
    }

    InteropPki pki() {
        return pki;
    }

    /** A port no server of this lab has used yet. */
    synchronized int nextPort() {
        return nextPort++;
    }

    /** Connects through tunstack's TCP to {@code port} on the gateway and prepares (not starts) our TLS client. */
    TunTls connect(int port, TlsConfig config) throws IOException {
        TcpSocket socket = tun.host().connect(TunHost.GATEWAY, port, CONNECT_TIMEOUT);
        socket.setReadTimeout(READ_TIMEOUT);
        try {
            return new TunTls(socket, config);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
