package io.tunstack.tls.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.SessionTicketStore;
import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConnection;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServer;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.CsvSource;

/** Our TLS 1.3 client against our TLS 1.3 server, in memory. */
class TlsServerTest {

    @ParameterizedTest
    @CsvSource({
        "TLS_AES_128_GCM_SHA256, EC, ecdsa_secp256r1_sha256", "TLS_AES_256_GCM_SHA384, EC, ecdsa_secp256r1_sha256",
        "TLS_CHACHA20_POLY1305_SHA256, EC, ecdsa_secp256r1_sha256",
        "TLS_AES_128_GCM_SHA256, RSA, rsa_pss_rsae_sha256", "TLS_AES_256_GCM_SHA384, RSA, rsa_pss_rsae_sha256",
        "TLS_CHACHA20_POLY1305_SHA256, RSA, rsa_pss_rsae_sha256",
        "TLS_AES_128_GCM_SHA256, Ed25519, ed25519", "TLS_AES_256_GCM_SHA384, Ed25519, ed25519",
        "TLS_CHACHA20_POLY1305_SHA256, Ed25519, ed25519"})
    void everySuiteAndKeyType(CipherSuite suite, String keyType, String scheme) throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().cipherSuites(suite).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig(keyType).build());
        Pump.run(client, server);
        assertEquals(TlsConnection.Status.CONNECTED, client.status());
        assertEquals(TlsConnection.Status.CONNECTED, server.status());
        for (TlsSession session : List.of(client.session(), server.session())) {
            assertEquals(ProtocolVersion.TLS_1_3, session.version());
            assertEquals(suite, session.cipherSuite());
            assertEquals(NamedGroup.X25519, session.group());
            assertEquals(scheme, session.signatureScheme().ianaName());
            assertFalse(session.helloRetryRequest());
        }
        assertEquals(ServerPki.server(keyType).certificate(), client.session().peerCertificates().get(0));
        assertTrue(server.session().peerCertificates().isEmpty());

        Pump.write(client, "ping");
        Pump.write(server, "pong");
        Pump.run(client, server);
        assertEquals("ping", Pump.read(server));
        assertEquals("pong", Pump.read(client));

        client.close();
        Pump.run(client, server);
        assertEquals(TlsConnection.Status.CLOSED, server.status());
        assertEquals(-1, server.read(ByteBuffer.allocate(1)));
        server.close();
        Pump.run(client, server);
        assertEquals(TlsConnection.Status.CLOSED, client.status());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void largeWritesArriveWhole(boolean direct) throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").build());
        Pump.run(client, server);
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        // A direct buffer has no array: its bytes go through the connection's scratch array, a record at a time.
        ByteBuffer source = direct ? ByteBuffer.allocateDirect(data.length).put(data).flip() : ByteBuffer.wrap(data);
        server.write(source);
        Pump.run(client, server);
        ByteBuffer received = ByteBuffer.allocate(data.length);
        assertEquals(data.length, client.read(received));
        assertTrue(java.util.Arrays.equals(data, received.array()));
    }

    /** RFC 8446 §4.1.4: the client's only key share is for a group the server does not take. */
    @Test
    void helloRetryRequestForAnotherGroup() throws Exception {
        List<HandshakeEvent> serverSteps = new ArrayList<>();
        TlsClient client = new TlsClient(ServerPki.clientConfig().groups(NamedGroup.SECP384R1, NamedGroup.SECP256R1)
                .keyShares(NamedGroup.SECP384R1).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").groups(NamedGroup.X25519, NamedGroup.SECP256R1)
                .handshakeListener(step -> serverSteps.add(step.event())).build());
        Pump.run(client, server);
        assertEquals(TlsConnection.Status.CONNECTED, server.status());
        assertTrue(client.session().helloRetryRequest());
        assertTrue(server.session().helloRetryRequest());
        assertEquals(NamedGroup.SECP256R1, client.session().group());
        assertEquals(NamedGroup.SECP256R1, server.session().group());
        assertEquals(List.of(HandshakeEvent.CLIENT_HELLO_RECEIVED, HandshakeEvent.HELLO_RETRY_REQUEST_SENT,
                HandshakeEvent.CLIENT_HELLO_RECEIVED, HandshakeEvent.SERVER_HELLO_SENT), serverSteps.subList(0, 4));
        Pump.write(client, "after retry");
        Pump.run(client, server);
        assertEquals("after retry", Pump.read(server));
    }

    @Test
    void serverPrefersAGroupTheClientSentAShareFor() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().groups(NamedGroup.X25519, NamedGroup.SECP256R1)
                .keyShares(NamedGroup.SECP256R1).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").build());
        Pump.run(client, server);
        assertEquals(NamedGroup.SECP256R1, server.session().group());
        assertFalse(server.session().helloRetryRequest());
    }

    @Test
    void alpnPicksTheServersPreference() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().applicationProtocols("h2", "http/1.1").build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").applicationProtocols("http/1.1", "h2").build());
        Pump.run(client, server);
        assertEquals("http/1.1", client.session().applicationProtocol());
        assertEquals("http/1.1", server.session().applicationProtocol());
    }

    @Test
    void alpnWithoutCommonProtocolIsNoApplicationProtocol() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().applicationProtocols("h2").build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").applicationProtocols("http/1.1").build());
        assertFailure(server, client, AlertDescription.NO_APPLICATION_PROTOCOL);
    }

    @Test
    void alpnOnlyOnTheClientNegotiatesNone() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().applicationProtocols("h2").build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").build());
        Pump.run(client, server);
        assertNull(client.session().applicationProtocol());
    }

    @Test
    void keyUpdateBothWays() throws Exception {
        List<HandshakeEvent> serverSteps = new ArrayList<>();
        TlsClient client = new TlsClient(ServerPki.clientConfig().build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("RSA").handshakeListener(step -> serverSteps.add(step.event())).build());
        Pump.run(client, server);
        client.updateKeys(true);
        Pump.write(client, "after client update");
        Pump.run(client, server);
        assertEquals("after client update", Pump.read(server));
        assertTrue(serverSteps.contains(HandshakeEvent.KEY_UPDATE_RECEIVED));
        assertTrue(serverSteps.contains(HandshakeEvent.KEY_UPDATE_SENT), "update_requested is answered");
        server.updateKeys(false);
        Pump.write(server, "after server update");
        Pump.run(client, server);
        assertEquals("after server update", Pump.read(client));
    }

    @Test
    void newSessionTicketReachesTheClient() throws Exception {
        SessionTicketStore tickets = new SessionTicketStore(4);
        TlsClient client = new TlsClient(ServerPki.clientConfig().sessionTicketStore(tickets).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").ticketLifetimeSeconds(3600).build());
        Pump.run(client, server);
        assertEquals(1, tickets.tickets("localhost", System.currentTimeMillis()).size());
        assertEquals(3600, tickets.tickets("localhost", System.currentTimeMillis()).get(0).lifetimeSeconds());
    }

    @Test
    void clientCertificateRequiredAndSent() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig()
                .clientCertificate(ServerPki.CLIENT.keyPair().getPrivate(), List.of(ServerPki.CLIENT.certificate())).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC")
                .versions(ProtocolVersion.TLS_1_3).clientAuthentication(TlsServerConfig.ClientAuthentication.REQUIRED, ServerPki.issuedBy(ServerPki.CA.certificate())).build());
        Pump.run(client, server);
        assertEquals(TlsConnection.Status.CONNECTED, server.status());
        assertEquals(ServerPki.CLIENT.certificate(), server.session().peerCertificates().get(0));
        Pump.write(client, "authenticated");
        Pump.run(client, server);
        assertEquals("authenticated", Pump.read(server));
    }

    @Test
    void clientCertificateRequiredButMissingIsCertificateRequired() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC")
                .versions(ProtocolVersion.TLS_1_3).clientAuthentication(TlsServerConfig.ClientAuthentication.REQUIRED, ServerPki.issuedBy(ServerPki.CA.certificate())).build());
        assertFailure(server, client, AlertDescription.CERTIFICATE_REQUIRED);
    }

    @Test
    void clientCertificateRequestedMayBeMissing() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC")
                .versions(ProtocolVersion.TLS_1_3).clientAuthentication(TlsServerConfig.ClientAuthentication.REQUESTED, ServerPki.issuedBy(ServerPki.CA.certificate())).build());
        Pump.run(client, server);
        assertEquals(TlsConnection.Status.CONNECTED, server.status());
        assertTrue(server.session().peerCertificates().isEmpty());
    }

    @Test
    void untrustedClientCertificateIsUnknownCa() throws Exception {
        var stranger = io.tunstack.tls.cert.TestPki.leaf("stranger").selfSigned();
        TlsClient client = new TlsClient(ServerPki.clientConfig()
                .clientCertificate(stranger.keyPair().getPrivate(), List.of(stranger.certificate())).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC")
                .versions(ProtocolVersion.TLS_1_3).clientAuthentication(TlsServerConfig.ClientAuthentication.REQUESTED, ServerPki.issuedBy(ServerPki.CA.certificate())).build());
        assertFailure(server, client, AlertDescription.UNKNOWN_CA);
    }

    @Test
    void noCommonSuiteIsHandshakeFailure() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().cipherSuites(CipherSuite.TLS_AES_256_GCM_SHA384).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").versions(ProtocolVersion.TLS_1_3)
                .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256).build());
        assertFailure(server, client, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void noCommonGroupIsHandshakeFailure() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().groups(NamedGroup.SECP384R1).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").groups(NamedGroup.X25519).build());
        assertFailure(server, client, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void noCommonSignatureSchemeIsHandshakeFailure() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().signatureSchemes(SignatureScheme.ECDSA_SECP256R1_SHA256).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("RSA").build());
        assertFailure(server, client, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void tls12OnlyClientAgainstTls13OnlyServerIsProtocolVersion() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_2).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").versions(ProtocolVersion.TLS_1_3).build());
        assertFailure(server, client, AlertDescription.PROTOCOL_VERSION);
    }

    @ParameterizedTest
    @CsvSource({
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, EC, ecdsa_secp256r1_sha256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, EC, ecdsa_secp256r1_sha256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, EC, ecdsa_secp256r1_sha256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, RSA, rsa_pss_rsae_sha256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, RSA, rsa_pss_rsae_sha256",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, RSA, rsa_pss_rsae_sha256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, Ed25519, ed25519"})
    void tls12EverySuite(CipherSuite suite, String keyType, String scheme) throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_2).cipherSuites(suite).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig(keyType).build());
        Pump.run(client, server);
        assertEquals(TlsConnection.Status.CONNECTED, server.status());
        for (TlsSession session : List.of(client.session(), server.session())) {
            assertEquals(ProtocolVersion.TLS_1_2, session.version());
            assertEquals(suite, session.cipherSuite());
            assertEquals(NamedGroup.X25519, session.group());
            assertEquals(scheme, session.signatureScheme().ianaName());
            assertTrue(session.extendedMasterSecret());
        }
        Pump.write(client, "ping 1.2");
        Pump.write(server, "pong 1.2");
        Pump.run(client, server);
        assertEquals("ping 1.2", Pump.read(server));
        assertEquals("pong 1.2", Pump.read(client));
        client.close();
        server.close();
        Pump.run(client, server);
        assertEquals(TlsConnection.Status.CLOSED, server.status());
        assertEquals(TlsConnection.Status.CLOSED, client.status());
    }

    @Test
    void tls12WithAlpn() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_2).applicationProtocols("h2", "http/1.1").build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("RSA").applicationProtocols("http/1.1").build());
        Pump.run(client, server);
        assertEquals("http/1.1", client.session().applicationProtocol());
        assertEquals("http/1.1", server.session().applicationProtocol());
    }

    /** RFC 8446 §4.1.3: a TLS 1.3 server that negotiates TLS 1.2 says so in the last 8 bytes of its random. */
    @Test
    void tls12FromATls13ServerCarriesTheDowngradeSentinel() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_2).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").build());
        Pump.move(client, server);
        ByteBuffer out = ByteBuffer.allocate(server.pendingOutput());
        server.drainOutput(out);
        byte[] random = java.util.Arrays.copyOfRange(out.array(), 5 + 4 + 2, 5 + 4 + 2 + 32);
        assertEquals("444f574e47524401", java.util.HexFormat.of().formatHex(random, 24, 32));
    }

    @Test
    void tls12OnlyServerWithoutSentinelIsAcceptedByAClientThatOffersTls13() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_3).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").versions(ProtocolVersion.TLS_1_2).build());
        Pump.run(client, server);
        assertEquals(ProtocolVersion.TLS_1_2, client.session().version());
    }

    @Test
    void tls12NoCommonSuiteForTheKeyIsHandshakeFailure() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_2)
                .cipherSuites(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC").build());
        assertFailure(server, client, AlertDescription.HANDSHAKE_FAILURE);
    }

    @ParameterizedTest
    @CsvSource({"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, EC", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, RSA"})
    void tls12ClientCertificateRequiredAndSent(CipherSuite suite, String serverKey) throws Exception {
        List<HandshakeEvent> serverSteps = new ArrayList<>();
        TlsClient client = new TlsClient(ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_2).cipherSuites(suite)
                .clientCertificate(ServerPki.CLIENT.keyPair().getPrivate(), List.of(ServerPki.CLIENT.certificate())).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig(serverKey).handshakeListener(step -> serverSteps.add(step.event()))
                .clientAuthentication(TlsServerConfig.ClientAuthentication.REQUIRED, ServerPki.issuedBy(ServerPki.CA.certificate())).build());
        Pump.run(client, server);
        assertEquals(ProtocolVersion.TLS_1_2, server.session().version());
        assertEquals(ServerPki.CLIENT.certificate(), server.session().peerCertificates().get(0));
        assertTrue(serverSteps.containsAll(List.of(HandshakeEvent.CERTIFICATE_REQUEST_SENT, HandshakeEvent.CERTIFICATE_VERIFIED,
                HandshakeEvent.CERTIFICATE_VERIFY_RECEIVED)), serverSteps.toString());
        Pump.write(client, "authenticated 1.2");
        Pump.run(client, server);
        assertEquals("authenticated 1.2", Pump.read(server));
    }

    /** RFC 5246 §7.4.6: a server that requires a certificate answers an empty Certificate with handshake_failure. */
    @Test
    void tls12ClientCertificateRequiredButMissingIsHandshakeFailure() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_2).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("EC")
                .clientAuthentication(TlsServerConfig.ClientAuthentication.REQUIRED, ServerPki.issuedBy(ServerPki.CA.certificate())).build());
        assertFailure(server, client, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void tls12ClientCertificateRequestedMayBeMissing() throws Exception {
        TlsClient client = new TlsClient(ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_2).build());
        TlsServer server = new TlsServer(ServerPki.serverConfig("RSA")
                .clientAuthentication(TlsServerConfig.ClientAuthentication.REQUESTED, ServerPki.issuedBy(ServerPki.CA.certificate())).build());
        Pump.run(client, server);
        assertEquals(TlsConnection.Status.CONNECTED, server.status());
        assertTrue(server.session().peerCertificates().isEmpty());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRejectedAtBuild() {
        TlsServerConfig.Builder builder = TlsServerConfig.builder(ServerPki.server("RSA").keyPair().getPrivate(),
                List.of(ServerPki.server("EC").certificate()));
        assertThrows(IllegalStateException.class, builder::build);
    }

    /** {@code failing} detects the error and sends {@code alert}; {@code other} receives it. */
    private static void assertFailure(TlsConnection failing, TlsConnection other, AlertDescription alert) {
        TlsException e = assertThrows(TlsException.class, () -> Pump.run(failing, other));
        assertEquals(alert, failing.failure().alert(), String.valueOf(failing.failure().getMessage()));
        assertFalse(failing.failure().receivedFromPeer());
        assertTrue(other.failure().receivedFromPeer(), "the alert reached the peer");
        assertEquals(alert, other.failure().alert());
        assertEquals(TlsConnection.Status.FAILED, failing.status());
        assertTrue(e.getMessage() != null);
    }
}
