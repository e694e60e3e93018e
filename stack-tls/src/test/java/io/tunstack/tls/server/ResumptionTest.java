package io.tunstack.tls.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.SessionTicketStore;
import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsConnection;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServer;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** TLS 1.3 resumption with our tickets, our client against our server (RFC 8446 §2.2, §4.2.11, psk_dhe_ke). */
class ResumptionTest {

    private final SessionTicketStore tickets = new SessionTicketStore(4);
    private final TlsServerConfig serverConfig = ServerPki.serverConfig("EC").groups(NamedGroup.X25519, NamedGroup.SECP256R1).build();

    @Test
    void secondHandshakeResumesWithTheTicket() throws Exception {
        TlsConfig clientConfig = ServerPki.clientConfig().sessionTicketStore(tickets).build();
        TlsClient first = connect(clientConfig, serverConfig);
        assertFalse(first.session().resumed());

        TlsClient client = new TlsClient(clientConfig);
        TlsServer server = new TlsServer(serverConfig);
        Pump.run(client, server);
        assertTrue(client.session().resumed());
        assertTrue(server.session().resumed());
        assertTrue(client.session().peerCertificates().isEmpty(), "no certificate in a resumed handshake");
        assertNull(server.session().signatureScheme());
        assertEquals(NamedGroup.X25519, client.session().group(), "psk_dhe_ke still runs ECDHE");
        Pump.write(client, "resumed");
        Pump.write(server, "welcome back");
        Pump.run(client, server);
        assertEquals("resumed", Pump.read(server));
        assertEquals("welcome back", Pump.read(client));
        assertEquals(2, tickets.tickets("localhost", System.currentTimeMillis()).size(), "a resumed handshake gets a new ticket too");
    }

    @Test
    void resumptionAfterHelloRetryRequestBindsTheTranscript() throws Exception {
        connect(ServerPki.clientConfig().sessionTicketStore(tickets).build(), serverConfig);
        TlsConfig retrying = ServerPki.clientConfig().sessionTicketStore(tickets)
                .groups(NamedGroup.SECP384R1, NamedGroup.X25519).keyShares(NamedGroup.SECP384R1).build();
        TlsClient client = connect(retrying, serverConfig);
        assertTrue(client.session().helloRetryRequest());
        assertTrue(client.session().resumed());
    }

    @Test
    void ticketFromAnotherServerGivesAFullHandshake() throws Exception {
        TlsConfig clientConfig = ServerPki.clientConfig().sessionTicketStore(tickets).build();
        connect(clientConfig, serverConfig);
        TlsClient client = connect(clientConfig, ServerPki.serverConfig("EC").build());
        assertFalse(client.session().resumed());
        assertFalse(client.session().peerCertificates().isEmpty());
    }

    @Test
    void ticketForAnotherAlpnProtocolGivesAFullHandshake() throws Exception {
        TlsServerConfig alpnServer = ServerPki.serverConfig("EC").applicationProtocols("h2", "http/1.1").build();
        connect(ServerPki.clientConfig().sessionTicketStore(tickets).applicationProtocols("h2").build(), alpnServer);
        TlsClient client = connect(ServerPki.clientConfig().sessionTicketStore(tickets).applicationProtocols("http/1.1").build(), alpnServer);
        assertFalse(client.session().resumed());
        assertEquals("http/1.1", client.session().applicationProtocol());
    }

    @Test
    void ticketWithAnotherHashGivesAFullHandshake() throws Exception {
        connect(ServerPki.clientConfig().sessionTicketStore(tickets).cipherSuites(CipherSuite.TLS_AES_256_GCM_SHA384).build(), serverConfig);
        TlsClient client = connect(ServerPki.clientConfig().sessionTicketStore(tickets)
                .cipherSuites(CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_AES_128_GCM_SHA256).build(), serverConfig);
        assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256, client.session().cipherSuite(), "the server prefers AES-128 with SHA-256");
        assertFalse(client.session().resumed());
    }

    @Test
    void clientWithoutTicketStoreNeverResumes() throws Exception {
        TlsConfig clientConfig = ServerPki.clientConfig().sessionTicketStore(null).build();
        connect(clientConfig, serverConfig);
        assertFalse(connect(clientConfig, serverConfig).session().resumed());
    }

    @Test
    void wrongBinderIsDecryptError() throws Exception {
        TlsConfig clientConfig = ServerPki.clientConfig().sessionTicketStore(tickets).build();
        connect(clientConfig, serverConfig);
        TlsClient client = new TlsClient(clientConfig);
        TlsServer server = new TlsServer(serverConfig);
        ByteBuffer hello = ByteBuffer.allocate(client.pendingOutput());
        client.drainOutput(hello);
        byte[] bytes = hello.array();
        bytes[bytes.length - 1] ^= 1; // the binder is the last field of the ClientHello (RFC 8446 §4.2.11)
        TlsException e = assertThrows(TlsException.class, () -> server.feed(ByteBuffer.wrap(bytes)));
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
        assertEquals(TlsConnection.Status.FAILED, server.status());
    }

    @Test
    void serverThatAuthenticatesClientsDoesNotResume() throws Exception {
        TlsServerConfig authenticating = ServerPki.serverConfig("EC")
                .versions(ProtocolVersion.TLS_1_3).clientAuthentication(TlsServerConfig.ClientAuthentication.REQUESTED, ServerPki.issuedBy(ServerPki.CA.certificate())).build();
        TlsConfig clientConfig = ServerPki.clientConfig().sessionTicketStore(tickets).build();
        connect(clientConfig, authenticating);
        assertFalse(connect(clientConfig, authenticating).session().resumed());
    }

    private static TlsClient connect(TlsConfig clientConfig, TlsServerConfig serverConfig) throws Exception {
        return Pump.connect(clientConfig, serverConfig);
    }
}
