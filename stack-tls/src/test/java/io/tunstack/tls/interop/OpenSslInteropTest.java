package io.tunstack.tls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.tunstack.tls.TlsStreams;
import io.tunstack.tls.cert.PkixCertificateVerifier;
import io.tunstack.tls.cert.TrustStore;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our client against {@code openssl s_server -www} on 127.0.0.1: handshake, then an HTTP request and its answer. */
@Timeout(60)
class OpenSslInteropTest {

    record Result(TlsSession session, String page) {
    }

    private static Result fetch(OpenSslServer server, TlsConfig config) throws Exception {
        try {
            return fetchOnce(server, config);
        } catch (Exception | AssertionError e) {
            throw new AssertionError("failed against openssl, server output:\n" + server.output(), e);
        }
    }

    /** One connection: handshake, GET /, the page up to the server's close_notify. */
    static Result fetchOnce(OpenSslServer server, TlsConfig config) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            TlsStreams tls = new TlsStreams(config, socket.getInputStream(), socket.getOutputStream());
            TlsSession session = tls.handshake();
            tls.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String page = new String(tls.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(TlsClient.Status.CLOSED, tls.client().status(), "s_server ends the page with close_notify");
            tls.close();
            return new Result(session, page);
        }
    }

    private static TlsConfig.Builder pinned(Path cert) throws Exception {
        return TlsConfig.builder().serverName("localhost").certificateVerifier(new PinnedCertificateVerifier(TestPki.load(cert)));
    }

    @ParameterizedTest
    @CsvSource({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void tls13EachSuite(String suite) throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(),
                "-tls1_3", "-ciphersuites", suite, "-www")) {
            Result r = fetch(server, pinned(pki.rsaCert).applicationProtocols("http/1.1").build());
            assertEquals(ProtocolVersion.TLS_1_3, r.session().version());
            assertEquals(CipherSuite.valueOf(suite), r.session().cipherSuite());
            assertEquals(NamedGroup.X25519, r.session().group());
            assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, r.session().signatureScheme());
            assertFalse(r.session().helloRetryRequest());
            assertTrue(r.page().startsWith("HTTP/1.0 200 ok"), r.page());
            assertTrue(r.page().contains("New, TLSv1.3, Cipher is " + suite), r.page());
            for (HandshakeEvent e : new HandshakeEvent[] {HandshakeEvent.CLIENT_HELLO_SENT, HandshakeEvent.SERVER_HELLO_RECEIVED,
                    HandshakeEvent.CERTIFICATE_VERIFIED, HandshakeEvent.SERVER_FINISHED_RECEIVED, HandshakeEvent.CLIENT_FINISHED_SENT}) {
                assertNotNull(r.session().timeline().at(e), e.name());
            }
            assertNull(r.session().timeline().at(HandshakeEvent.HELLO_RETRY_REQUEST_RECEIVED));
        }
    }

    @ParameterizedTest
    @CsvSource({"P-256, SECP256R1", "P-384, SECP384R1"})
    void tls13HelloRetryRequestToTheServersGroup(String opensslGroup, NamedGroup expected) throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.ecCert.toString(), "-key", pki.ecKey.toString(),
                "-tls1_3", "-groups", opensslGroup, "-www")) {
            Result r = fetch(server, pinned(pki.ecCert).build());
            assertTrue(r.session().helloRetryRequest());
            assertEquals(expected, r.session().group());
            assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, r.session().signatureScheme());
            assertNotNull(r.session().timeline().at(HandshakeEvent.HELLO_RETRY_REQUEST_RECEIVED));
            assertTrue(r.page().contains("New, TLSv1.3"), r.page());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "rsa, ECDHE-RSA-AES128-GCM-SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "rsa, ECDHE-RSA-AES256-GCM-SHA384, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "rsa, ECDHE-RSA-CHACHA20-POLY1305, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "ec, ECDHE-ECDSA-AES128-GCM-SHA256, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "ec, ECDHE-ECDSA-AES256-GCM-SHA384, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "ec, ECDHE-ECDSA-CHACHA20-POLY1305, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"})
    void tls12Ecdhe(String keyType, String opensslCipher, String suite) throws Exception {
        TestPki pki = TestPki.get();
        Path cert = keyType.equals("rsa") ? pki.rsaCert : pki.ecCert;
        Path key = keyType.equals("rsa") ? pki.rsaKey : pki.ecKey;
        try (OpenSslServer server = OpenSslServer.start("-cert", cert.toString(), "-key", key.toString(),
                "-tls1_2", "-cipher", opensslCipher, "-www")) {
            Result r = fetch(server, pinned(cert).build());
            assertEquals(ProtocolVersion.TLS_1_2, r.session().version());
            assertEquals(CipherSuite.valueOf(suite), r.session().cipherSuite());
            assertEquals(NamedGroup.X25519, r.session().group());
            assertTrue(r.session().extendedMasterSecret());
            assertTrue(r.page().contains("New, TLSv1.2, Cipher is " + opensslCipher), r.page());
        }
    }

    @Test
    void tls12StaticRsaWhenEnabled() throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(),
                "-tls1_2", "-cipher", "AES128-GCM-SHA256", "-www")) {
            TlsConfig config = pinned(pki.rsaCert).cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256,
                    CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256).build();
            Result r = fetch(server, config);
            assertEquals(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, r.session().cipherSuite());
            assertNull(r.session().group());
            assertTrue(r.page().contains("New, TLSv1.2, Cipher is AES128-GCM-SHA256"), r.page());
        }
    }

    @ParameterizedTest
    @CsvSource({"-tls1_3", "-tls1_2"})
    void answersACertificateRequestWithoutACertificate(String version) throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(),
                version, "-verify", "1", "-www")) {
            Result r = fetch(server, pinned(pki.rsaCert).build());
            assertTrue(r.page().startsWith("HTTP/1.0 200 ok"), r.page());
            assertTrue(r.page().contains("no client certificate available"), r.page());
        }
    }

    @Test
    void negotiatesAlpn() throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(),
                "-alpn", "h2,http/1.1", "-www")) {
            Result r = fetch(server, pinned(pki.rsaCert).applicationProtocols("http/1.1", "spdy/1").build());
            assertEquals("http/1.1", r.session().applicationProtocol());
        }
    }

    @Test
    void tls12WithoutExtendedMasterSecret() throws Exception {
        TestPki pki = TestPki.get();
        java.nio.file.Path conf = pki.dir.resolve("no-ems.cnf");
        java.nio.file.Files.writeString(conf, "openssl_conf = default_conf\n[default_conf]\nssl_conf = ssl_sect\n"
                + "[ssl_sect]\nsystem_default = system_default_sect\n[system_default_sect]\nOptions = -ExtendedMasterSecret\n");
        try (OpenSslServer server = OpenSslServer.startWithEnvironment(java.util.Map.of("OPENSSL_CONF", conf.toString()),
                "-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(), "-tls1_2", "-www")) {
            Result r = fetch(server, pinned(pki.rsaCert).build());
            assertFalse(r.session().extendedMasterSecret());
            assertTrue(r.page().contains("New, TLSv1.2"), r.page());
        }
    }

    /** Console mode: the server echoes what it decrypts to its output and sends what is typed on its stdin. */
    private static String readLine(TlsStreams tls) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = tls.getInputStream().read()) != '\n') {
            if (c < 0) {
                throw new java.io.EOFException("stream ended before a line");
            }
            line.append((char) c);
        }
        return line.toString();
    }

    @Test
    void tls13KeyUpdatesInBothDirections() throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(), "-tls1_3");
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            TlsStreams tls = new TlsStreams(pinned(pki.rsaCert).build(), socket.getInputStream(), socket.getOutputStream());
            tls.handshake();
            tls.client().updateKeys(true);
            tls.getOutputStream().write("after our update\n".getBytes(StandardCharsets.US_ASCII));
            server.awaitOutput("after our update", 1);
            server.type("K");
            server.awaitOutput("SSL_do_handshake -> 1", 1);
            server.type("after the server's update");
            assertEquals("after the server's update", readLine(tls));
            tls.getOutputStream().write("after both\n".getBytes(StandardCharsets.US_ASCII));
            server.awaitOutput("after both", 1);
            assertEquals(TlsClient.Status.CONNECTED, tls.client().status());
            tls.close();
        }
    }

    /**
     * We answer the HelloRequest with a no_renegotiation warning (RFC 5746 §4.2); OpenSSL then decides
     * to end the connection with handshake_failure, which RFC 5246 §7.4.1.1 leaves to the server.
     */
    @Test
    void tls12RenegotiationIsRefusedWithAWarning() throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(), "-tls1_2");
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            TlsStreams tls = new TlsStreams(pinned(pki.rsaCert).build(), socket.getInputStream(), socket.getOutputStream());
            tls.handshake();
            server.awaitOutput("CIPHER is", 1);
            server.type("r");
            TlsException e = assertThrows(TlsException.class, () -> readLine(tls));
            assertTrue(e.receivedFromPeer());
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
            server.awaitOutput("no renegotiation", 1);
        }
    }

    private static TlsConfig.Builder pkix(String serverName) throws Exception {
        return TlsConfig.builder().serverName(serverName)
                .certificateVerifier(new PkixCertificateVerifier(TrustStore.of(TestPki.load(TestPki.get().caCert))));
    }

    @ParameterizedTest
    @CsvSource({"-tls1_3, AES128-GCM-SHA256", "-tls1_2, ECDHE-ECDSA-AES128-GCM-SHA256"})
    void realPkixVerifierAcceptsTheTestCaChain(String version, String tls12Cipher) throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.ecCert.toString(), "-key", pki.ecKey.toString(),
                version, "-cipher", tls12Cipher, "-www")) {
            Result r = fetch(server, pkix("localhost").build());
            assertTrue(r.page().startsWith("HTTP/1.0 200 ok"), r.page());
        }
    }

    @Test
    void realPkixVerifierWithStaticRsaChecksKeyEncipherment() throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(),
                "-tls1_2", "-cipher", "AES256-GCM-SHA384", "-www")) {
            Result r = fetch(server, pkix("localhost").versions(ProtocolVersion.TLS_1_2)
                    .cipherSuites(CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384).build());
            assertEquals(CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384, r.session().cipherSuite());
        }
    }

    @Test
    void realPkixVerifierRejectsAnotherHostName() throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(), "-www");
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            TlsStreams tls = new TlsStreams(pkix("other.example").build(), socket.getInputStream(), socket.getOutputStream());
            TlsException e = assertThrows(TlsException.class, tls::handshake);
            assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, e.alert());
        }
    }

    @Test
    void rejectedCertificateSendsTheVerifiersAlert() throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(), "-www");
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            TlsStreams tls = new TlsStreams(pinned(pki.ecCert).build(), socket.getInputStream(), socket.getOutputStream());
            TlsException e = assertThrows(TlsException.class, tls::handshake);
            assertEquals(AlertDescription.UNKNOWN_CA, e.alert());
            assertFalse(e.receivedFromPeer());
        }
    }
}
