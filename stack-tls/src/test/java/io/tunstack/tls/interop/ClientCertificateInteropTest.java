package io.tunstack.tls.interop;

import static io.tunstack.tls.HandshakeEvent.CERTIFICATE_SENT;
import static io.tunstack.tls.HandshakeEvent.CERTIFICATE_VERIFY_SENT;
import static io.tunstack.tls.HandshakeEvent.CLIENT_FINISHED_SENT;
import static io.tunstack.tls.HandshakeEvent.CLIENT_KEY_EXCHANGE_SENT;
import static io.tunstack.tls.HandshakeEvent.SERVER_FINISHED_RECEIVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.HandshakeStep;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsStreams;
import io.tunstack.tls.record.AlertDescription;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Client authentication against {@code openssl s_server -Verify 1 -verify_return_error -CAfile ca.pem}:
 * the server requires a client certificate and checks it against the test CA.
 */
@Timeout(60)
class ClientCertificateInteropTest {

    private static final Set<HandshakeEvent> CLIENT_FLIGHT = Set.of(CERTIFICATE_SENT, CLIENT_KEY_EXCHANGE_SENT, CERTIFICATE_VERIFY_SENT,
            SERVER_FINISHED_RECEIVED, CLIENT_FINISHED_SENT);

    private final List<HandshakeStep> steps = new ArrayList<>();

    private static String[] server(String version, String... extra) throws Exception {
        TestPki pki = TestPki.get();
        List<String> args = new ArrayList<>(List.of("-cert", pki.ecCert.toString(), "-key", pki.ecKey.toString(), version,
                "-CAfile", pki.caCert.toString(), "-www"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private TlsConfig.Builder config() throws Exception {
        return TlsConfig.builder().serverName("localhost").certificateVerifier(new PinnedCertificateVerifier(TestPki.load(TestPki.get().ecCert)))
                .handshakeListener(steps::add);
    }

    private static TlsConfig.Builder withClientCertificate(TlsConfig.Builder builder, String kind) throws Exception {
        TestPki pki = TestPki.get();
        PrivateKey key = TestPki.loadKey(pki.clientKey(kind), kind.equals("ed25519") ? "Ed25519" : kind.toUpperCase(java.util.Locale.ROOT));
        return builder.clientCertificate(key, List.of(TestPki.load(pki.clientCert(kind))));
    }

    private static String fetch(OpenSslServer server, TlsConfig config) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            TlsStreams tls = new TlsStreams(config, socket.getInputStream(), socket.getOutputStream());
            tls.handshake();
            tls.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(tls.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (Exception | AssertionError e) {
            throw new AssertionError("server output:\n" + server.output(), e);
        }
    }

    /** The client's authentication steps, in order. */
    private List<String> clientFlight() {
        return steps.stream().filter(s -> CLIENT_FLIGHT.contains(s.event())).map(s -> s.event() + " " + s.detail()).toList();
    }

    @ParameterizedTest
    @CsvSource({
        "-tls1_3, ec, ecdsa_secp256r1_sha256",
        "-tls1_3, rsa, rsa_pss_rsae_sha256",
        "-tls1_3, ed25519, ed25519",
        "-tls1_2, ec, ecdsa_secp256r1_sha256",
        "-tls1_2, rsa, rsa_pss_rsae_sha256",
        "-tls1_2, ed25519, ed25519"})
    void serverVerifiesTheClientCertificate(String version, String kind, String scheme) throws Exception {
        try (OpenSslServer server = OpenSslServer.start(server(version, "-Verify", "1", "-verify_return_error"))) {
            String page = fetch(server, withClientCertificate(config(), kind).build());
            assertTrue(page.startsWith("HTTP/1.0 200 ok"), page);
            assertTrue(page.contains("Client certificate"), page);
            assertTrue(page.contains("Subject: CN=tunstack test client " + kind), page);
            // openssl's verify lines reach its output asynchronously: they may come after the page we already read.
            server.awaitOutput("depth=0 CN = tunstack test client " + kind + "\nverify return:1", 1);
        }
        String certificate = "CERTIFICATE_SENT CN=tunstack test client " + kind + ", 1 certificate";
        assertEquals(version.equals("-tls1_3")
                ? List.of("SERVER_FINISHED_RECEIVED 32 bytes verify_data, verified", certificate, "CERTIFICATE_VERIFY_SENT " + scheme,
                        "CLIENT_FINISHED_SENT 32 bytes verify_data")
                : List.of(certificate, "CLIENT_KEY_EXCHANGE_SENT x25519 public key", "CERTIFICATE_VERIFY_SENT " + scheme,
                        "CLIENT_FINISHED_SENT 12 bytes verify_data", "SERVER_FINISHED_RECEIVED 12 bytes verify_data, verified"),
                clientFlight());
    }

    /** RFC 5246 §7.4.8: with the server's list cut to rsa_pkcs1_sha256, the TLS 1.2 CertificateVerify uses it. */
    @Test
    void tls12SignsWithTheOnlySchemeTheServerAccepts() throws Exception {
        try (OpenSslServer server = OpenSslServer.start(server("-tls1_2", "-Verify", "1", "-verify_return_error", "-client_sigalgs", "RSA+SHA256"))) {
            String page = fetch(server, withClientCertificate(config(), "rsa").build());
            assertTrue(page.contains("Subject: CN=tunstack test client rsa"), page);
        }
        assertTrue(clientFlight().contains("CERTIFICATE_VERIFY_SENT rsa_pkcs1_sha256"), clientFlight().toString());
    }

    /** RFC 8446 §4.4.2 / RFC 5246 §7.4.6: no usable scheme for our key, so an empty Certificate and no CertificateVerify. */
    @ParameterizedTest
    @CsvSource({"-tls1_3", "-tls1_2"})
    void noCommonSchemeSendsAnEmptyCertificate(String version) throws Exception {
        try (OpenSslServer server = OpenSslServer.start(server(version, "-verify", "1", "-client_sigalgs", "ECDSA+SHA256"))) {
            String page = fetch(server, withClientCertificate(config(), "rsa").build());
            assertTrue(page.contains("no client certificate available"), page);
        }
        assertTrue(clientFlight().contains("CERTIFICATE_SENT empty: the server accepts no signature our key can make"), clientFlight().toString());
        assertTrue(steps.stream().noneMatch(s -> s.event() == CERTIFICATE_VERIFY_SENT), steps.toString());
    }

    /**
     * Without a certificate the server ends the handshake with its alert: in TLS 1.3 (certificate_required,
     * RFC 8446 §4.4.2.4) after our Finished, so the next read fails; in TLS 1.2 (handshake_failure) before its Finished.
     */
    @ParameterizedTest
    @CsvSource({"-tls1_3, CERTIFICATE_REQUIRED", "-tls1_2, HANDSHAKE_FAILURE"})
    void serverRejectsAMissingCertificateWithItsAlert(String version, AlertDescription alert) throws Exception {
        try (OpenSslServer server = OpenSslServer.start(server(version, "-Verify", "1"));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            TlsStreams tls = new TlsStreams(config().build(), socket.getInputStream(), socket.getOutputStream());
            TlsException e = assertThrows(TlsException.class, () -> {
                tls.handshake();
                tls.getInputStream().read();
            });
            assertTrue(e.receivedFromPeer(), e.getMessage());
            assertEquals(alert, e.alert(), e.getMessage());
            server.awaitOutput("peer did not return a certificate", 1);
        }
        assertTrue(clientFlight().contains("CERTIFICATE_SENT empty: no client certificate configured"), clientFlight().toString());
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRejectedAtBuildTime() throws Exception {
        TestPki pki = TestPki.get();
        PrivateKey otherEcKey = TestPki.loadKey(pki.ecKey, "EC");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> config()
                .clientCertificate(otherEcKey, List.of(TestPki.load(pki.clientCert("ec")))).build());
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }
}
