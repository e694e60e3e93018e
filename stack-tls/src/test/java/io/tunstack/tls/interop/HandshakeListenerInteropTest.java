package io.tunstack.tls.interop;

import static io.tunstack.tls.HandshakeEvent.CERTIFICATE_RECEIVED;
import static io.tunstack.tls.HandshakeEvent.CERTIFICATE_VERIFIED;
import static io.tunstack.tls.HandshakeEvent.CERTIFICATE_VERIFY_RECEIVED;
import static io.tunstack.tls.HandshakeEvent.CHANGE_CIPHER_SPEC_RECEIVED;
import static io.tunstack.tls.HandshakeEvent.CHANGE_CIPHER_SPEC_SENT;
import static io.tunstack.tls.HandshakeEvent.CLIENT_FINISHED_SENT;
import static io.tunstack.tls.HandshakeEvent.CLIENT_HELLO_SENT;
import static io.tunstack.tls.HandshakeEvent.CLIENT_KEY_EXCHANGE_SENT;
import static io.tunstack.tls.HandshakeEvent.ENCRYPTED_EXTENSIONS_RECEIVED;
import static io.tunstack.tls.HandshakeEvent.KEY_UPDATE_RECEIVED;
import static io.tunstack.tls.HandshakeEvent.KEY_UPDATE_SENT;
import static io.tunstack.tls.HandshakeEvent.NEW_SESSION_TICKET_RECEIVED;
import static io.tunstack.tls.HandshakeEvent.SERVER_FINISHED_RECEIVED;
import static io.tunstack.tls.HandshakeEvent.SERVER_HELLO_DONE_RECEIVED;
import static io.tunstack.tls.HandshakeEvent.SERVER_HELLO_RECEIVED;
import static io.tunstack.tls.HandshakeEvent.SERVER_KEY_EXCHANGE_RECEIVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.HandshakeStep;
import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.TlsStreams;
import io.tunstack.tls.record.AlertDescription;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A {@link io.tunstack.tls.TlsHandshakeListener} sees each step, in order, while the handshake with openssl runs. */
@Timeout(60)
class HandshakeListenerInteropTest {

    private final List<HandshakeStep> steps = new ArrayList<>();
    /** Steps seen when {@link TlsStreams#handshake()} returned. */
    private int stepsAtHandshakeEnd;

    private String fetch(OpenSslServer server, TlsConfig config, boolean keyUpdate) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            TlsStreams tls = new TlsStreams(config, socket.getInputStream(), socket.getOutputStream());
            TlsSession session = tls.handshake();
            stepsAtHandshakeEnd = steps.size();
            if (keyUpdate) {
                tls.client().updateKeys(true);
            }
            tls.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String page = new String(tls.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            for (HandshakeStep step : steps) {
                assertEquals(session.timeline().at(step.event()), steps.stream().filter(s -> s.event() == step.event())
                        .findFirst().orElseThrow().nanoTime(), "the timeline keeps the first time of " + step.event());
            }
            return page;
        } catch (Exception | AssertionError e) {
            throw new AssertionError("server output:\n" + server.output() + "\nsteps: " + steps, e);
        }
    }

    private TlsConfig.Builder config() throws Exception {
        return TlsConfig.builder().serverName("localhost").certificateVerifier(new PinnedCertificateVerifier(TestPki.load(TestPki.get().rsaCert)))
                .handshakeListener(steps::add);
    }

    private List<HandshakeEvent> events(List<HandshakeStep> list) {
        return list.stream().map(HandshakeStep::event).toList();
    }

    private String detail(HandshakeEvent event) {
        return steps.stream().filter(s -> s.event() == event).findFirst().orElseThrow().detail();
    }

    private void assertTimesNeverDecrease() {
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i).nanoTime() >= steps.get(i - 1).nanoTime(), steps.toString());
        }
    }

    @Test
    void tls13StepsInOrderThenTicketsAndKeyUpdates() throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(),
                "-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256", "-www")) {
            String page = fetch(server, config().applicationProtocols("http/1.1").build(), true);
            assertTrue(page.startsWith("HTTP/1.0 200 ok"), page);
        }
        List<HandshakeStep> handshake = steps.subList(0, stepsAtHandshakeEnd);
        List<HandshakeStep> after = steps.subList(stepsAtHandshakeEnd, steps.size());
        assertEquals(List.of(CLIENT_HELLO_SENT, SERVER_HELLO_RECEIVED, ENCRYPTED_EXTENSIONS_RECEIVED, CERTIFICATE_RECEIVED,
                CERTIFICATE_VERIFIED, CERTIFICATE_VERIFY_RECEIVED, SERVER_FINISHED_RECEIVED, CLIENT_FINISHED_SENT),
                events(handshake).stream().filter(e -> e != NEW_SESSION_TICKET_RECEIVED).toList());
        assertEquals(List.of(KEY_UPDATE_SENT, KEY_UPDATE_RECEIVED), events(after).stream().filter(e -> e != NEW_SESSION_TICKET_RECEIVED).toList());
        assertEquals(2, events(steps).stream().filter(e -> e == NEW_SESSION_TICKET_RECEIVED).count(), "s_server sends two tickets");
        assertTimesNeverDecrease();
        assertEquals("TLSv1.3,TLSv1.2, 9 suites, groups x25519,secp256r1,secp384r1, key shares x25519, SNI localhost, ALPN http/1.1",
                detail(CLIENT_HELLO_SENT));
        assertEquals("TLSv1.3, TLS_AES_128_GCM_SHA256, x25519", detail(SERVER_HELLO_RECEIVED));
        assertEquals("no ALPN", detail(ENCRYPTED_EXTENSIONS_RECEIVED));
        assertEquals("CN=localhost, 1 certificate", detail(CERTIFICATE_RECEIVED));
        assertEquals("accepted for localhost", detail(CERTIFICATE_VERIFIED));
        assertEquals("rsa_pss_rsae_sha256", detail(CERTIFICATE_VERIFY_RECEIVED));
        assertEquals("32 bytes verify_data, verified", detail(SERVER_FINISHED_RECEIVED));
        assertEquals("update_requested", detail(KEY_UPDATE_SENT));
        assertEquals("update_not_requested", detail(KEY_UPDATE_RECEIVED));
        assertTrue(detail(NEW_SESSION_TICKET_RECEIVED).startsWith("lifetime 7200 s, "), detail(NEW_SESSION_TICKET_RECEIVED));
    }

    @Test
    void tls12StepsInOrder() throws Exception {
        TestPki pki = TestPki.get();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(),
                "-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384", "-www")) {
            String page = fetch(server, config().build(), false);
            assertTrue(page.contains("New, TLSv1.2"), page);
        }
        assertEquals(List.of(CLIENT_HELLO_SENT, SERVER_HELLO_RECEIVED, CERTIFICATE_RECEIVED, CERTIFICATE_VERIFIED,
                SERVER_KEY_EXCHANGE_RECEIVED, SERVER_HELLO_DONE_RECEIVED, CLIENT_KEY_EXCHANGE_SENT, CHANGE_CIPHER_SPEC_SENT,
                CLIENT_FINISHED_SENT, NEW_SESSION_TICKET_RECEIVED, CHANGE_CIPHER_SPEC_RECEIVED, SERVER_FINISHED_RECEIVED), events(steps));
        assertEquals(steps.size(), stepsAtHandshakeEnd);
        assertTimesNeverDecrease();
        // Our client asks for an RFC 5077 ticket; s_server announces one and sends it before its ChangeCipherSpec (§3.3).
        assertEquals("TLSv1.2, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, extended_master_secret, ticket announced", detail(SERVER_HELLO_RECEIVED));
        assertTrue(detail(NEW_SESSION_TICKET_RECEIVED).startsWith("lifetime hint 7200 s, "), detail(NEW_SESSION_TICKET_RECEIVED));
        assertEquals("x25519, signed rsa_pss_rsae_sha256", detail(SERVER_KEY_EXCHANGE_RECEIVED));
        assertEquals("x25519 public key", detail(CLIENT_KEY_EXCHANGE_SENT));
        assertEquals("12 bytes verify_data", detail(CLIENT_FINISHED_SENT));
    }

    @Test
    void aThrowingListenerFailsTheHandshakeWithInternalError() throws Exception {
        TestPki pki = TestPki.get();
        IllegalStateException bug = new IllegalStateException("listener bug");
        TlsConfig config = config().handshakeListener(step -> {
            if (step.event() == CERTIFICATE_RECEIVED) {
                throw bug;
            }
        }).build();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.rsaCert.toString(), "-key", pki.rsaKey.toString(), "-tls1_3", "-www");
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            TlsStreams tls = new TlsStreams(config, socket.getInputStream(), socket.getOutputStream());
            TlsException e = assertThrows(TlsException.class, tls::handshake);
            assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
            assertFalse(e.receivedFromPeer());
            assertSame(bug, e.getCause());
            assertEquals(TlsClient.Status.FAILED, tls.client().status());
            assertSame(e, assertThrows(TlsException.class, () -> tls.getOutputStream().write(1)));
            server.awaitOutput("alert internal error", 1);
        }
    }
}
