package io.tunstack.tls.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.SessionTicketStore;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.record.ProtocolVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS 1.3 resumption across implementations on 127.0.0.1: our client with openssl s_server, openssl s_client with our server. */
@Timeout(60)
class ResumptionInteropTest {

    @Test
    void ourClientResumesWithOpensslServer() throws Exception {
        TestPki pki = TestPki.get();
        TlsConfig config = TlsConfig.builder().serverName("localhost").versions(ProtocolVersion.TLS_1_3)
                .certificateVerifier(new PinnedCertificateVerifier(TestPki.load(pki.ecCert))).sessionTicketStore(new SessionTicketStore(4)).build();
        try (OpenSslServer server = OpenSslServer.start("-cert", pki.ecCert.toString(), "-key", pki.ecKey.toString(), "-www", "-naccept", "2")) {
            TlsSession first = OpenSslInteropTest.fetchOnce(server, config).session();
            assertFalse(first.resumed());
            assertFalse(config.sessionTicketStore().tickets("localhost", System.currentTimeMillis()).isEmpty(), "s_server sent a ticket");
            TlsSession second = OpenSslInteropTest.fetchOnce(server, config).session();
            assertTrue(second.resumed(), server.output());
            assertTrue(second.peerCertificates().isEmpty());
        }
    }

    @Test
    void opensslClientResumesWithOurServer() throws Exception {
        TestPki pki = TestPki.get();
        Path session = Files.createTempFile(pki.dir, "session", ".pem");
        var config = OurServer.config("EC").build();
        try (OurServer server = OurServer.start(config)) {
            String output = sClient(server, pki, "-sess_out", session.toString());
            assertTrue(output.contains("New, TLSv1.3"), output);
            assertFalse(server.result().resumed());
        }
        try (OurServer server = OurServer.start(config)) {
            String output = sClient(server, pki, "-sess_in", session.toString());
            assertTrue(output.contains("Reused, TLSv1.3"), output);
            assertTrue(server.result().resumed());
        }
    }

    private static String sClient(OurServer server, TestPki pki, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(), "-tls1_3",
                "-servername", "localhost", "-CAfile", pki.caCert.toString(), "-verify_return_error"));
        command.addAll(List.of(options));
        return ClientProcess.converse(command, "resume", "echo resume");
    }
}
