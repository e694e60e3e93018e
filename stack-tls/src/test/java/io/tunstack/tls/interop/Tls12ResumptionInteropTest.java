package io.tunstack.tls.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.SessionTicketStore;
import io.tunstack.tls.Tls12SessionState;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.record.ProtocolVersion;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS 1.2 resumption across implementations on 127.0.0.1 (RFC 5246 §7.3, RFC 5077): our client with
 * openssl s_server by ticket and by session ID; openssl s_client, gnutls-cli, SunJSSE and BCJSSE with our
 * server. (gnutls-serv has no option to listen on loopback only, so it is not used here.)
 */
@Timeout(60)
class Tls12ResumptionInteropTest {

    private static TlsConfig client(TestPki pki, SessionTicketStore store) throws Exception {
        return TlsConfig.builder().serverName("localhost").versions(ProtocolVersion.TLS_1_2)
                .certificateVerifier(new PinnedCertificateVerifier(TestPki.load(pki.ecCert))).sessionTicketStore(store).build();
    }

    @Test
    void ourClientResumesWithOpensslServerByTicket() throws Exception {
        TestPki pki = TestPki.get();
        SessionTicketStore store = new SessionTicketStore(4);
        TlsConfig config = client(pki, store);
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.ecCert.toString(), "-key", pki.ecKey.toString(), "-no_tls1_3",
                "-www", "-naccept", "3")) {
            TlsSession first = OpenSslInteropTest.fetchOnce(server, config).session();
            assertFalse(first.resumed());
            assertEquals(ProtocolVersion.TLS_1_2, first.version());
            assertTrue(first.extendedMasterSecret());
            List<Tls12SessionState> kept = store.tls12Sessions("localhost", System.currentTimeMillis());
            assertEquals(1, kept.size());
            assertTrue(kept.get(0).hasTicket(), "s_server issues a ticket: " + server.output());

            OpenSslInteropTest.Result second = OpenSslInteropTest.fetchOnce(server, config);
            assertTrue(second.session().resumed(), server.output());
            assertEquals(first.cipherSuite(), second.session().cipherSuite());
            assertNull(second.session().timeline().at(HandshakeEvent.CERTIFICATE_RECEIVED), "no Certificate in the abbreviated handshake");
            assertTrue(second.page().contains("Reused, TLSv1.2"), second.page());

            assertTrue(OpenSslInteropTest.fetchOnce(server, config).session().resumed(), "the session resumes again");
        }
    }

    @Test
    void ourClientResumesWithOpensslServerBySessionId() throws Exception {
        TestPki pki = TestPki.get();
        SessionTicketStore store = new SessionTicketStore(4);
        TlsConfig config = client(pki, store);
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.ecCert.toString(), "-key", pki.ecKey.toString(), "-no_tls1_3",
                "-no_ticket", "-www", "-naccept", "2")) {
            assertFalse(OpenSslInteropTest.fetchOnce(server, config).session().resumed());
            Tls12SessionState kept = store.tls12Sessions("localhost", System.currentTimeMillis()).get(0);
            assertFalse(kept.hasTicket());
            assertEquals(32, kept.sessionId().length);

            OpenSslInteropTest.Result second = OpenSslInteropTest.fetchOnce(server, config);
            assertTrue(second.session().resumed(), server.output());
            assertTrue(second.page().contains("Reused, TLSv1.2"), second.page());
            assertArrayEquals(kept.sessionId(), store.tls12Sessions("localhost", System.currentTimeMillis()).get(0).sessionId());
        }
    }

    @Test
    void opensslClientResumesWithOurServer() throws Exception {
        var config = OurServer.config("EC").build();
        List<SClientRun> runs = sClientTwice(config, config);
        assertTrue(runs.get(0).output().contains("New, TLSv1.2"), runs.get(0).output());
        assertFalse(runs.get(0).server().resumed());
        assertEquals(ProtocolVersion.TLS_1_2, runs.get(0).server().version());
        assertTrue(runs.get(1).output().contains("Reused, TLSv1.2"), runs.get(1).output());
        assertTrue(runs.get(1).server().resumed());
    }

    @Test
    void opensslClientWithoutTicketsResumesBySessionId() throws Exception {
        var config = OurServer.config("RSA").build();
        List<SClientRun> runs = sClientTwice(config, config, "-no_ticket");
        assertTrue(runs.get(1).output().contains("Reused, TLSv1.2"), runs.get(1).output());
        assertTrue(runs.get(1).server().resumed());
        assertEquals(1, config.tls12SessionCache().size());
    }

    @Test
    void opensslClientWithAnotherServersTicketGetsAFullHandshake() throws Exception {
        List<SClientRun> runs = sClientTwice(OurServer.config("EC").build(), OurServer.config("EC").build());
        assertTrue(runs.get(1).output().contains("New, TLSv1.2"), runs.get(1).output());
        assertFalse(runs.get(1).server().resumed());
    }

    /** What s_client printed and what our server negotiated. */
    private record SClientRun(String output, TlsSession server) {
    }

    /** s_client saves its session (-sess_out) from a server of {@code first}, then offers it (-sess_in) to one of {@code second}. */
    private static List<SClientRun> sClientTwice(TlsServerConfig first, TlsServerConfig second, String... options) throws Exception {
        TestPki pki = TestPki.get();
        Path session = Files.createTempFile(pki.dir, "session12", ".pem");
        List<SClientRun> runs = new ArrayList<>();
        String[] flags = {"-sess_out", "-sess_in"};
        TlsServerConfig[] configs = {first, second};
        for (int i = 0; i < 2; i++) {
            try (OurServer server = OurServer.start(configs[i])) {
                List<String> arguments = new ArrayList<>(List.of(options));
                arguments.addAll(List.of(flags[i], session.toString()));
                String output = sClient(server, pki, arguments.toArray(String[]::new));
                runs.add(new SClientRun(output, server.result()));
            }
        }
        return runs;
    }

    @ParameterizedTest
    @CsvSource({"EC, ''", "RSA, :%NO_TICKETS"})
    void gnutlsClientResumesWithOurServer(String keyType, String prioritySuffix) throws Exception {
        ClientProcess.assumeInstalled("gnutls-cli");
        TlsServerConfig config = OurServer.config(keyType).build();
        try (OurServer server = OurServer.start(config, 2)) {
            String output = ClientProcess.converse(List.of("gnutls-cli", "127.0.0.1", "-p", String.valueOf(server.port()), "--resume",
                    "--verify-hostname", "localhost", "--x509cafile", TestPki.get().caCert.toString(),
                    "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.2" + prioritySuffix), "resume", "echo resume");
            assertTrue(output.contains("This is a resumed session"), output);
            List<TlsSession> sessions = server.results();
            assertFalse(sessions.get(0).resumed());
            assertTrue(sessions.get(1).resumed(), output);
            assertEquals(prioritySuffix.isEmpty() ? 0 : 1, config.tls12SessionCache().size(), "by ticket, or without tickets by session ID");
        }
    }

    @ParameterizedTest
    @CsvSource({"SunJSSE, EC, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "SunJSSE, RSA, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "BCJSSE, EC, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "BCJSSE, RSA, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"})
    void jsseClientResumesWithOurServer(String provider, String keyType, String suite) throws Exception {
        SSLContext context = TlsServerInteropTest.clientContext(provider);
        try (OurServer server = OurServer.start(OurServer.config(keyType).build(), 2)) {
            byte[] firstId = jsseConnect(context, server.port(), suite);
            byte[] secondId = jsseConnect(context, server.port(), suite);
            List<TlsSession> sessions = server.results();
            assertFalse(sessions.get(0).resumed());
            assertTrue(sessions.get(1).resumed(), provider + " resumes (SunJSSE by ticket, BCJSSE by session ID)");
            assertEquals(suite, sessions.get(1).cipherSuite().name());
            if (provider.equals("BCJSSE")) {
                assertArrayEquals(firstId, secondId, "BCJSSE resumes by the session ID we gave");
            }
        }
    }

    /** One TLS 1.2 connection with a line echoed; the client's session ID. By host name: BCJSSE caches no session for a bare address. */
    private static byte[] jsseConnect(SSLContext context, int port, String suite) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(15_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {suite});
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setServerNames(List.of(new SNIHostName("localhost")));
            socket.setSSLParameters(parameters);
            OutputStream out = socket.getOutputStream();
            out.write("resume\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("echo resume", new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine());
            return socket.getSession().getId();
        }
    }

    private static String sClient(OurServer server, TestPki pki, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(), "-tls1_2",
                "-servername", "localhost", "-CAfile", pki.caCert.toString(), "-verify_return_error"));
        command.addAll(List.of(options));
        return ClientProcess.converse(command, "resume", "echo resume");
    }
}
