package io.tunstack.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.record.ProtocolVersion;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our TLS client over tunstack's TCP through a real TUN against GnuTLS's {@code gnutls-serv --http}
 * inside the namespace (root; CI): TLS 1.3 and 1.2, checked from our {@link TlsSession}, the server's
 * status page and the server's session log.
 */
@Timeout(60)
class GnutlsOverTunTest {
    @RegisterExtension
    static final InteropLab LAB = new InteropLab();

    @ParameterizedTest
    @CsvSource({
        "ec,  NORMAL:-VERS-ALL:+VERS-TLS1.3,                            TLS_AES_128_GCM_SHA256,                  TLS1.3, AES-128-GCM",
        "rsa, NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+CHACHA20-POLY1305, TLS_CHACHA20_POLY1305_SHA256,        TLS1.3, CHACHA20-POLY1305",
        "rsa, NORMAL:-VERS-ALL:+VERS-TLS1.2,                            TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,   TLS1.2, AES-128-GCM",
        "ec,  NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM,   TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS1.2, AES-256-GCM"})
    void negotiatesWhatTheServerReports(String keyType, String priority, CipherSuite suite, String gnutlsVersion,
            String gnutlsCipher) throws Exception {
        InteropPki.ServerKey key = keyType.equals("rsa") ? LAB.pki().rsa() : LAB.pki().ec();
        int port = LAB.nextPort();
        try (NamespaceProcess server = GnutlsServer.start(LAB.namespace(), port, key, priority)) {
            try (TunTls tls = LAB.connect(port, LAB.pki().verifying(InteropPki.SERVER_NAME).build())) {
                TlsSession session = tls.handshake();
                String page = tls.exchange("GET / HTTP/1.0\r\n\r\n").replaceAll("<[^>]*>", " ");

                assertEquals(suite, session.cipherSuite());
                assertEquals(suite.version(), session.version());
                assertEquals(NamedGroup.X25519, session.group());
                assertTrue(page.startsWith("HTTP/1.0 200 OK"), page);
                assertTrue(page.matches("(?s).*Protocol version:\\s+" + gnutlsVersion + "\\s.*"), page);
                assertTrue(page.matches("(?s).*Cipher\\s+" + gnutlsCipher + "\\s.*"), page);

                String log = server.awaitOutput("- Cipher: ", Duration.ofSeconds(10));
                assertTrue(log.contains("- Version: " + gnutlsVersion + "\n"), log);
                assertTrue(log.contains("- Cipher: " + gnutlsCipher + "\n"), log);
                assertTrue(log.contains("- Description: (" + gnutlsVersion), log);
                assertTrue(log.contains("(ECDHE-X25519)"), log);
            } catch (IOException | RuntimeException | AssertionError e) {
                throw new AssertionError("against gnutls-serv --priority=" + priority + ", server output:\n" + server.output(), e);
            }
        }
    }
}
