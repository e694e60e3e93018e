package io.tunstack.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.cert.CertificateValidationException;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our TLS client over tunstack's TCP through a real TUN against {@code openssl s_server} inside the
 * namespace (root; CI). Each case checks the negotiation from both ends: our {@link TlsSession} and the
 * server's status page and handshake trace.
 */
@Timeout(60)
class OpenSslOverTunTest {
    private static final Duration SERVER_EXIT = Duration.ofSeconds(10);
    /** RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello whose random is SHA-256("HelloRetryRequest"); its first 4 bytes. */
    private static final String HELLO_RETRY_REQUEST_RANDOM = "gmt_unix_time=0xCF21AD74";

    @RegisterExtension
    static final InteropLab LAB = new InteropLab();

    /** Our session, the server's status page, and the server's whole output once it has exited. */
    private record Exchange(TlsSession session, String page, String serverLog) {
        int count(String text) {
            return serverLog.split(Pattern.quote(text), -1).length - 1;
        }
    }

    /** Fetches s_server's status page over our TLS, then lets the server end (it serves one client). */
    private static Exchange fetchPage(InteropPki.ServerKey key, TlsConfig config, String... serverOptions) throws IOException {
        int port = LAB.nextPort();
        try (NamespaceProcess server = OpenSslServer.start(LAB.namespace(), port, key, serverOptions)) {
            try {
                TlsSession session;
                String page;
                try (TunTls tls = LAB.connect(port, config)) {
                    session = tls.handshake();
                    page = tls.exchange("GET / HTTP/1.0\r\n\r\n");
                    assertEquals(TlsClient.Status.CLOSED, tls.streams().client().status(), "s_server ends its page with close_notify");
                }
                assertEquals(0, server.awaitExit(SERVER_EXIT), "s_server exit code");
                assertTrue(page.startsWith("HTTP/1.0 200 ok"), page);
                return new Exchange(session, page, server.output());
            } catch (IOException | RuntimeException | AssertionError e) {
                throw new AssertionError("against openssl s_server " + String.join(" ", serverOptions)
                        + ", server output:\n" + server.output(), e);
            }
        }
    }

    /** The server's trace names the signature scheme of its ServerKeyExchange / CertificateVerify: ours. */
    private static void assertSignedWithOurScheme(Exchange x) {
        String scheme = x.session().signatureScheme().ianaName();
        assertTrue(x.serverLog().contains("Signature Algorithm: " + scheme + " ("), "server signed with " + scheme);
    }

    private static TlsConfig.Builder verifying() throws Exception {
        return LAB.pki().verifying(InteropPki.SERVER_NAME);
    }

    @Test
    void tls12StaticRsaWhenEnabledOnOurSide() throws Exception {
        TlsConfig config = verifying().versions(ProtocolVersion.TLS_1_2)
                .cipherSuites(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256).build();
        Exchange x = fetchPage(LAB.pki().rsa(), config, "-tls1_2", "-cipher", "AES128-GCM-SHA256");
        assertEquals(ProtocolVersion.TLS_1_2, x.session().version());
        assertEquals(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, x.session().cipherSuite());
        assertNull(x.session().group(), "static RSA has no key exchange group");
        assertTrue(x.page().contains("Protocol  : TLSv1.2"), x.page());
        assertTrue(x.page().contains("Cipher    : AES128-GCM-SHA256"), x.page());
        assertTrue(x.serverLog().contains("EncryptedPreMasterSecret (len=256)"), "server got an RSA-2048 encrypted premaster secret");
    }

    @ParameterizedTest
    @CsvSource({
        "rsa, ECDHE-RSA-AES128-GCM-SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "rsa, ECDHE-RSA-CHACHA20-POLY1305, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "ec, ECDHE-ECDSA-AES256-GCM-SHA384, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"})
    void tls12Ecdhe(String keyType, String opensslCipher, CipherSuite suite) throws Exception {
        InteropPki.ServerKey key = keyType.equals("rsa") ? LAB.pki().rsa() : LAB.pki().ec();
        Exchange x = fetchPage(key, verifying().build(), "-tls1_2", "-cipher", opensslCipher);
        assertEquals(ProtocolVersion.TLS_1_2, x.session().version());
        assertEquals(suite, x.session().cipherSuite());
        assertEquals(NamedGroup.X25519, x.session().group());
        assertTrue(x.session().extendedMasterSecret());
        assertTrue(x.page().contains("Protocol  : TLSv1.2"), x.page());
        assertTrue(x.page().contains("Cipher    : " + opensslCipher), x.page());
        assertTrue(x.serverLog().contains("extended_master_secret"), "server saw the RFC 7627 extension");
        assertTrue(x.serverLog().contains("named_curve: ecdh_x25519"), "server's ServerKeyExchange used X25519");
        assertSignedWithOurScheme(x);
    }

    @ParameterizedTest
    @CsvSource({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void tls13EachSuite(CipherSuite suite) throws Exception {
        Exchange x = fetchPage(LAB.pki().rsa(), verifying().build(), "-tls1_3", "-ciphersuites", suite.name());
        assertEquals(ProtocolVersion.TLS_1_3, x.session().version());
        assertEquals(suite, x.session().cipherSuite());
        assertEquals(NamedGroup.X25519, x.session().group());
        assertFalse(x.session().helloRetryRequest());
        assertTrue(x.page().contains("Protocol  : TLSv1.3"), x.page());
        assertTrue(x.page().contains("Cipher    : " + suite.name()), x.page());
        assertEquals(1, x.count("ClientHello"), "one ClientHello, no retry");
        assertSignedWithOurScheme(x);
    }

    @Test
    void tls13HelloRetryRequestWhenTheServerOnlyTakesP256() throws Exception {
        TlsConfig config = verifying().groups(NamedGroup.X25519, NamedGroup.SECP256R1).build();
        Exchange x = fetchPage(LAB.pki().ec(), config, "-tls1_3", "-groups", "P-256");
        assertTrue(x.session().helloRetryRequest());
        assertEquals(NamedGroup.SECP256R1, x.session().group());
        assertNotNull(x.session().timeline().at(HandshakeEvent.HELLO_RETRY_REQUEST_RECEIVED));
        assertTrue(x.page().contains("Shared groups: secp256r1"), x.page());
        assertEquals(2, x.count("ClientHello"), "the server got a second ClientHello");
        assertEquals(1, x.count(HELLO_RETRY_REQUEST_RANDOM), "the server sent one HelloRetryRequest");
        assertSignedWithOurScheme(x);
    }

    @ParameterizedTest
    @CsvSource({"-tls1_3", "-tls1_2"})
    void certificateForAnotherNameIsRejectedAndTheServerSeesTheAlert(String version) throws Exception {
        int port = LAB.nextPort();
        try (NamespaceProcess server = OpenSslServer.start(LAB.namespace(), port, LAB.pki().wrongName(), version);
                TunTls tls = LAB.connect(port, verifying().build())) {
            TlsException e = assertThrows(TlsException.class, tls::handshake);
            CertificateValidationException cause = assertInstanceOf(CertificateValidationException.class, e.getCause());
            assertEquals(CertificateValidationException.Reason.HOSTNAME_MISMATCH, cause.reason());
            assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, e.alert());
            assertFalse(e.receivedFromPeer());
            // The server got our certificate_unknown alert (RFC 8446 §6.2: 46) and gave up on this client.
            server.awaitExit(SERVER_EXIT);
            assertTrue(server.output().contains("alert certificate unknown"), server.output());
            assertTrue(server.output().contains("SSL alert number 46"), server.output());
        }
    }
}
