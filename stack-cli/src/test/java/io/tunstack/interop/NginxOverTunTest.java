package io.tunstack.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tunstack.testing.StreamCheck;
import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.record.ProtocolVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A 10 MB HTTPS download from nginx inside the namespace with our TLS client over tunstack's TCP
 * through a real TUN (root; CI): byte-exact body, and the TLS nginx logged equals ours.
 */
@Timeout(90)
class NginxOverTunTest {
    private static final long FILE_SIZE = 10L << 20;

    @RegisterExtension
    static final InteropLab LAB = new InteropLab();
    private static Path root;
    private static String fileSha256;

    @BeforeAll
    static void writeTheFile() throws IOException {
        root = Files.createDirectories(LAB.dir().resolve("www"));
        try (OutputStream out = Files.newOutputStream(root.resolve("big.bin"))) {
            fileSha256 = StreamCheck.writeRandom(out, FILE_SIZE, 10, 1 << 16);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "TLS_1_3, ec,  TLS_AES_128_GCM_SHA256,                TLSv1.3, TLS_AES_128_GCM_SHA256",
        "TLS_1_2, rsa, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLSv1.2, ECDHE-RSA-AES128-GCM-SHA256"})
    void downloadsTenMegabytesByteExact(ProtocolVersion version, String keyType, CipherSuite suite, String nginxProtocol,
            String nginxCipher) throws Exception {
        InteropPki.ServerKey key = keyType.equals("rsa") ? LAB.pki().rsa() : LAB.pki().ec();
        int port = LAB.nextPort();
        try (NginxServer nginx = NginxServer.start(LAB.namespace(), LAB.dir().resolve("nginx-" + port), port, key, root)) {
            try (TunTls tls = LAB.connect(port, LAB.pki().verifying(InteropPki.SERVER_NAME).versions(version).build())) {
                long start = System.nanoTime();
                TlsSession session = tls.handshake();
                tls.out().write(("GET /big.bin HTTP/1.1\r\nHost: " + InteropPki.SERVER_NAME
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                HttpResponseHead head = HttpResponseHead.read(tls.in());
                StreamCheck.Digest body = StreamCheck.readAll(tls.in());
                double seconds = (System.nanoTime() - start) / 1e9;

                assertEquals(200, head.status(), head.toString());
                assertEquals(FILE_SIZE, head.contentLength());
                assertEquals(FILE_SIZE, body.length(), "body length up to nginx's close_notify");
                assertEquals(fileSha256, body.sha256(), "body is byte-exact");
                assertEquals(TlsClient.Status.CLOSED, tls.streams().client().status(), "nginx closed with close_notify");
                assertEquals(version, session.version());
                assertEquals(suite, session.cipherSuite());

                NginxServer.AccessLogEntry logged = nginx.awaitFirstRequest(Duration.ofSeconds(10));
                assertEquals("GET /big.bin HTTP/1.1", logged.request());
                assertEquals(200, logged.status());
                assertEquals(FILE_SIZE, logged.bodyBytes());
                assertEquals(nginxProtocol, logged.protocol());
                assertEquals(nginxCipher, logged.cipher());
                System.out.printf("nginx %s %s: %d bytes over our TLS + TCP + TUN in %.2f s = %.0f Mbit/s%n",
                        nginxProtocol, nginxCipher, FILE_SIZE, seconds, FILE_SIZE * 8 / seconds / 1e6);
            } catch (IOException | RuntimeException | AssertionError e) {
                throw new AssertionError("against nginx, its output:\n" + nginx.output(), e);
            }
        }
    }
}
