package io.tunstack.tls.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.HandshakeEvent;
import io.tunstack.tls.SessionTicket;
import io.tunstack.tls.SessionTicketStore;
import io.tunstack.tls.Tls12SessionState;
import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsConnection;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServer;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ProtocolVersion;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.2 resumption with RFC 5077 tickets and with session IDs, our client against our server (RFC 5246 §7.3,
 * RFC 5077, RFC 7627 §5.3).
 */
class Tls12ResumptionTest {

    private static final CipherSuite AES128 = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    private static final CipherSuite AES256 = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384;

    private final SessionTicketStore store = new SessionTicketStore(4);
    private final List<HandshakeEvent> serverEvents = new ArrayList<>();
    private final TlsServerConfig serverConfig = ServerPki.serverConfig("EC").versions(ProtocolVersion.TLS_1_2)
            .handshakeListener(step -> serverEvents.add(step.event())).build();

    private TlsConfig.Builder client() {
        return ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_2).sessionTicketStore(store);
    }

    @Test
    void secondHandshakeResumesWithTheTicketAndDataFlowsBothWays() throws Exception {
        TlsConfig clientConfig = client().build();
        TlsSession first = connect(clientConfig, serverConfig).session();
        assertFalse(first.resumed());
        assertTrue(first.extendedMasterSecret());
        List<Tls12SessionState> kept = store.tls12Sessions("localhost", System.currentTimeMillis());
        assertEquals(1, kept.size());
        assertTrue(kept.get(0).hasTicket());
        assertEquals(0, kept.get(0).sessionId().length, "our server issues tickets, no session IDs");
        assertEquals(AES128, kept.get(0).cipherSuite());

        serverEvents.clear();
        TlsClient client = new TlsClient(clientConfig);
        TlsServer server = new TlsServer(serverConfig);
        Pump.run(client, server);
        TlsSession resumed = client.session();
        assertTrue(resumed.resumed());
        assertTrue(server.session().resumed());
        assertEquals(ProtocolVersion.TLS_1_2, resumed.version());
        assertEquals(AES128, resumed.cipherSuite());
        assertTrue(resumed.extendedMasterSecret());
        assertEquals(first.peerCertificates(), resumed.peerCertificates(), "the session's verified chain");
        assertNull(resumed.group(), "no key exchange");
        assertNull(server.session().signatureScheme());
        // RFC 5246 §7.3, Figure 2: no Certificate, no key exchange; the server's Finished comes first.
        assertNull(resumed.timeline().at(HandshakeEvent.CERTIFICATE_RECEIVED));
        assertNull(resumed.timeline().at(HandshakeEvent.SERVER_KEY_EXCHANGE_RECEIVED));
        assertNull(resumed.timeline().at(HandshakeEvent.CLIENT_KEY_EXCHANGE_SENT));
        assertEquals(List.of(HandshakeEvent.CLIENT_HELLO_RECEIVED, HandshakeEvent.SERVER_HELLO_SENT, HandshakeEvent.NEW_SESSION_TICKET_SENT,
                HandshakeEvent.CHANGE_CIPHER_SPEC_SENT, HandshakeEvent.SERVER_FINISHED_SENT, HandshakeEvent.CHANGE_CIPHER_SPEC_RECEIVED,
                HandshakeEvent.CLIENT_FINISHED_RECEIVED), serverEvents);
        assertTrue(resumed.timeline().at(HandshakeEvent.SERVER_FINISHED_RECEIVED) < resumed.timeline().at(HandshakeEvent.CLIENT_FINISHED_SENT));

        Pump.write(client, "resumed");
        Pump.write(server, "welcome back");
        Pump.run(client, server);
        assertEquals("resumed", Pump.read(server));
        assertEquals("welcome back", Pump.read(client));

        List<Tls12SessionState> renewed = store.tls12Sessions("localhost", System.currentTimeMillis());
        assertEquals(1, renewed.size(), "the offered session was taken and kept again");
        assertFalse(Arrays.equals(kept.get(0).ticket(), renewed.get(0).ticket()), "the server renews the ticket");
        assertArrayEquals(kept.get(0).masterSecret(), renewed.get(0).masterSecret(), "same session");
        assertTrue(connect(clientConfig, serverConfig).session().resumed(), "the renewed ticket resumes too");
    }

    @Test
    void clientWithoutTicketsResumesBySessionId() throws Exception {
        TlsConfig clientConfig = client().tls12Tickets(false).build();
        connect(clientConfig, serverConfig);
        Tls12SessionState kept = store.tls12Sessions("localhost", System.currentTimeMillis()).get(0);
        assertFalse(kept.hasTicket());
        assertEquals(32, kept.sessionId().length, "a client that asks for no ticket gets a session_id");
        assertEquals(1, serverConfig.tls12SessionCache().size());

        serverEvents.clear();
        TlsClient client = connect(clientConfig, serverConfig);
        assertTrue(client.session().resumed());
        assertNull(client.session().timeline().at(HandshakeEvent.CERTIFICATE_RECEIVED));
        assertEquals(List.of(HandshakeEvent.CLIENT_HELLO_RECEIVED, HandshakeEvent.SERVER_HELLO_SENT,
                HandshakeEvent.CHANGE_CIPHER_SPEC_SENT, HandshakeEvent.SERVER_FINISHED_SENT, HandshakeEvent.CHANGE_CIPHER_SPEC_RECEIVED,
                HandshakeEvent.CLIENT_FINISHED_RECEIVED), serverEvents, "no ticket for a client that did not ask");
        assertArrayEquals(kept.sessionId(), store.tls12Sessions("localhost", System.currentTimeMillis()).get(0).sessionId());
        assertTrue(connect(clientConfig, serverConfig).session().resumed(), "a session ID resumes again");
    }

    @Test
    void leastRecentlyUsedSessionIdIsEvicted() throws Exception {
        TlsServerConfig small = ServerPki.serverConfig("EC").versions(ProtocolVersion.TLS_1_2).tls12SessionCacheSize(1).build();
        SessionTicketStore otherStore = new SessionTicketStore(4);
        TlsConfig first = client().tls12Tickets(false).build();
        TlsConfig second = client().tls12Tickets(false).sessionTicketStore(otherStore).build();
        connect(first, small);
        connect(second, small);
        assertEquals(1, small.tls12SessionCache().size());
        assertFalse(connect(first, small).session().resumed(), "evicted by the second client's session");
        assertTrue(connect(first, small).session().resumed());
    }

    @Test
    void serverWithoutSessionCacheGivesNoSessionId() throws Exception {
        TlsServerConfig noCache = ServerPki.serverConfig("EC").versions(ProtocolVersion.TLS_1_2).tls12SessionCacheSize(0).build();
        TlsConfig clientConfig = client().tls12Tickets(false).build();
        connect(clientConfig, noCache);
        assertTrue(store.tls12Sessions("localhost", System.currentTimeMillis()).isEmpty());
        assertFalse(connect(clientConfig, noCache).session().resumed());
    }

    @Test
    void fatalAlertOnTheServerForgetsTheCachedSession() throws Exception {
        TlsConfig clientConfig = client().tls12Tickets(false).build();
        TlsClient client = new TlsClient(clientConfig);
        TlsServer server = new TlsServer(serverConfig);
        Pump.run(client, server);
        assertEquals(1, serverConfig.tls12SessionCache().size());
        assertThrows(TlsException.class, () -> server.feed(ByteBuffer.wrap(forgedRecord())));
        assertEquals(0, serverConfig.tls12SessionCache().size(), "RFC 5246 §7.2.2: not resumable");
        assertFalse(connect(clientConfig, serverConfig).session().resumed());
    }

    @Test
    void clientOfferingTls13AndTls12ResumesATls12OnlyServer() throws Exception {
        TlsConfig clientConfig = ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2).sessionTicketStore(store).build();
        connect(clientConfig, serverConfig);
        TlsSession session = connect(clientConfig, serverConfig).session();
        assertEquals(ProtocolVersion.TLS_1_2, session.version());
        assertTrue(session.resumed());
    }

    @Test
    void tls12SessionIsKeptWhenTheServerChoosesTls13() throws Exception {
        TlsConfig clientConfig = ServerPki.clientConfig().versions(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2).sessionTicketStore(store).build();
        connect(clientConfig, serverConfig);
        TlsServerConfig both = ServerPki.serverConfig("EC").build();
        assertEquals(ProtocolVersion.TLS_1_3, connect(clientConfig, both).session().version());
        assertEquals(1, store.tls12Sessions("localhost", System.currentTimeMillis()).size());
        assertTrue(connect(clientConfig, serverConfig).session().resumed());
    }

    @Test
    void clientDoesNotOfferASessionWhoseSuiteItNoLongerOffers() throws Exception {
        connect(client().cipherSuites(AES128).build(), serverConfig);
        TlsSession session = connect(client().cipherSuites(AES256).build(), serverConfig).session();
        assertFalse(session.resumed());
        assertEquals(AES256, session.cipherSuite());
        assertFalse(session.peerCertificates().isEmpty());
    }

    @Test
    void serverRefusesATicketForASuiteTheClientDoesNotOffer() throws Exception {
        connect(client().cipherSuites(AES128).build(), serverConfig);
        Tls12SessionState kept = take();
        // A client that claims the AES128 ticket is an AES256 one: the server sees the truth in the ticket.
        store.addTls12(new Tls12SessionState(kept.serverName(), AES256, kept.masterSecret(), kept.sessionId(), kept.ticket(),
                kept.peerCertificates(), null, 3600, System.currentTimeMillis()));
        TlsSession session = connect(client().cipherSuites(AES256).build(), serverConfig).session();
        assertFalse(session.resumed());
        assertEquals(AES256, session.cipherSuite());
    }

    @Test
    void garbledTicketGivesAFullHandshake() throws Exception {
        TlsConfig clientConfig = client().build();
        connect(clientConfig, serverConfig);
        Tls12SessionState kept = take();
        byte[] garbled = kept.ticket().clone();
        garbled[garbled.length / 2] ^= 0x40;
        store.addTls12(withTicket(kept, garbled));
        TlsClient client = connect(clientConfig, serverConfig);
        assertFalse(client.session().resumed());
        assertFalse(client.session().peerCertificates().isEmpty());
        assertNotNull(client.session().timeline().at(HandshakeEvent.CERTIFICATE_RECEIVED));
        assertTrue(take().hasTicket(), "the full handshake brings a new ticket");
    }

    @Test
    void truncatedAndEmptyishTicketsGiveAFullHandshake() throws Exception {
        TlsConfig clientConfig = client().build();
        connect(clientConfig, serverConfig);
        Tls12SessionState kept = take();
        for (byte[] ticket : new byte[][] {Arrays.copyOf(kept.ticket(), 20), {1}, new byte[300]}) {
            store.addTls12(withTicket(kept, ticket));
            assertFalse(connect(clientConfig, serverConfig).session().resumed());
            take();
        }
    }

    @Test
    void ticketFromAnotherServerGivesAFullHandshake() throws Exception {
        TlsConfig clientConfig = client().build();
        connect(clientConfig, serverConfig);
        TlsServerConfig other = ServerPki.serverConfig("EC").versions(ProtocolVersion.TLS_1_2).build();
        assertFalse(connect(clientConfig, other).session().resumed());
    }

    @Test
    void ticketIsNotUsedForAnotherServerName() throws Exception {
        connect(client().build(), serverConfig);
        Tls12SessionState kept = take();
        store.addTls12(new Tls12SessionState("other.example", kept.cipherSuite(), kept.masterSecret(), kept.sessionId(), kept.ticket(),
                kept.peerCertificates(), null, 3600, System.currentTimeMillis()));
        TlsConfig otherName = TlsConfig.builder().serverName("other.example").insecure().versions(ProtocolVersion.TLS_1_2)
                .sessionTicketStore(store).build();
        TlsClient client = connect(otherName, serverConfig);
        assertFalse(client.session().resumed(), "the ticket was issued for SNI localhost");
    }

    @Test
    void ticketForAnotherAlpnProtocolGivesAFullHandshake() throws Exception {
        TlsServerConfig alpnServer = ServerPki.serverConfig("EC").versions(ProtocolVersion.TLS_1_2).applicationProtocols("h2", "http/1.1").build();
        connect(client().applicationProtocols("h2").build(), alpnServer);
        TlsClient client = connect(client().applicationProtocols("http/1.1").build(), alpnServer);
        assertFalse(client.session().resumed());
        assertEquals("http/1.1", client.session().applicationProtocol());
        TlsClient again = connect(client().applicationProtocols("http/1.1").build(), alpnServer);
        assertTrue(again.session().resumed());
        assertEquals("http/1.1", again.session().applicationProtocol());
    }

    @Test
    void clientWithoutStoreNeitherAsksForTicketsNorResumes() throws Exception {
        TlsConfig clientConfig = client().sessionTicketStore(null).build();
        connect(clientConfig, serverConfig);
        assertFalse(serverEvents.contains(HandshakeEvent.NEW_SESSION_TICKET_SENT), "no session_ticket extension, no ticket");
        assertFalse(connect(clientConfig, serverConfig).session().resumed());
    }

    @Test
    void serverWithoutTicketsOrAuthenticatingClientsIssuesNone() throws Exception {
        TlsServerConfig noTickets = ServerPki.serverConfig("EC").versions(ProtocolVersion.TLS_1_2).ticketLifetimeSeconds(0).build();
        TlsServerConfig authenticating = ServerPki.serverConfig("EC").versions(ProtocolVersion.TLS_1_2)
                .clientAuthentication(TlsServerConfig.ClientAuthentication.REQUESTED, ServerPki.issuedBy(ServerPki.CA.certificate())).build();
        for (TlsServerConfig config : List.of(noTickets, authenticating)) {
            connect(client().build(), config);
            assertTrue(store.tls12Sessions("localhost", System.currentTimeMillis()).isEmpty(), "nothing to resume: no ticket, no session_id");
            assertFalse(connect(client().build(), config).session().resumed());
        }
    }

    @Test
    void fatalAlertAfterTheHandshakeForgetsTheSession() throws Exception {
        TlsClient client = connect(client().build(), serverConfig);
        assertEquals(1, store.tls12Sessions("localhost", System.currentTimeMillis()).size());
        assertThrows(TlsException.class, () -> client.feed(ByteBuffer.wrap(forgedRecord())));
        assertEquals(TlsConnection.Status.FAILED, client.status());
        assertTrue(store.tls12Sessions("localhost", System.currentTimeMillis()).isEmpty(), "RFC 5246 §7.2.2: not resumable");
    }

    @Test
    void expiredSessionIsNotOffered() throws Exception {
        connect(client().build(), serverConfig);
        Tls12SessionState kept = take();
        store.addTls12(new Tls12SessionState(kept.serverName(), kept.cipherSuite(), kept.masterSecret(), kept.sessionId(), kept.ticket(),
                kept.peerCertificates(), null, 60, System.currentTimeMillis() - 61_000));
        assertFalse(connect(client().build(), serverConfig).session().resumed());
    }

    @Test
    void tls13TicketDoesNotResumeATls12Session() throws Exception {
        TlsServerConfig both = ServerPki.serverConfig("EC").build();
        connect(ServerPki.clientConfig().sessionTicketStore(store).build(), both);
        SessionTicket tls13 = store.tickets("localhost", System.currentTimeMillis()).get(0);
        // The same sealer made it, but for TLS 1.3 (a PSK, not a master secret): the version in the ticket decides.
        store.addTls12(new Tls12SessionState("localhost", AES128, tls13.psk(), new byte[0], tls13.ticket(), List.of(), null, 3600,
                System.currentTimeMillis()));
        TlsClient client = connect(client().build(), both);
        assertEquals(ProtocolVersion.TLS_1_2, client.session().version());
        assertFalse(client.session().resumed());
    }

    @Test
    void clientKeyExchangeInsteadOfChangeCipherSpecInTheAbbreviatedHandshakeIsUnexpectedMessage() throws Exception {
        TlsConfig clientConfig = client().tls12Tickets(false).build();
        connect(clientConfig, serverConfig);
        TlsClient client = new TlsClient(clientConfig);
        TlsServer server = new TlsServer(serverConfig);
        Pump.move(client, server);
        assertEquals(List.of(HandshakeEvent.CLIENT_HELLO_RECEIVED, HandshakeEvent.SERVER_HELLO_SENT, HandshakeEvent.CHANGE_CIPHER_SPEC_SENT,
                HandshakeEvent.SERVER_FINISHED_SENT), serverEvents.subList(serverEvents.size() - 4, serverEvents.size()), "the server resumed");
        byte[] keyExchange = {22, 3, 3, 0, 8, 16, 0, 0, 4, 3, 1, 2, 3};
        TlsException e = assertThrows(TlsException.class, () -> server.feed(ByteBuffer.wrap(keyExchange)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        assertEquals(0, serverConfig.tls12SessionCache().size(), "RFC 5246 §7.2.2: the session ends with the fatal alert");
    }

    @Test
    void corruptedClientFinishedInTheAbbreviatedHandshakeFailsBothSides() throws Exception {
        TlsConfig clientConfig = client().build();
        connect(clientConfig, serverConfig);
        TlsClient client = new TlsClient(clientConfig);
        TlsServer server = new TlsServer(serverConfig);
        Pump.move(client, server);
        Pump.move(server, client);
        assertEquals(TlsConnection.Status.CONNECTED, client.status(), "the client is done once it has sent its Finished");
        ByteBuffer flight = ByteBuffer.allocate(client.pendingOutput());
        client.drainOutput(flight);
        byte[] bytes = flight.array();
        bytes[bytes.length - 1] ^= 1; // the tag of the encrypted Finished
        assertThrows(TlsException.class, () -> server.feed(ByteBuffer.wrap(bytes)));
        assertEquals(TlsConnection.Status.FAILED, server.status());
        TlsException alert = assertThrows(TlsException.class, () -> Pump.move(server, client));
        assertEquals(AlertDescription.BAD_RECORD_MAC, alert.alert());
        assertEquals(TlsConnection.Status.FAILED, client.status());
        assertTrue(store.tls12Sessions("localhost", System.currentTimeMillis()).isEmpty(), "RFC 5246 §7.2.2: not resumable after a fatal alert");
    }

    /** An application data record that does not authenticate: bad_record_mac, a fatal alert. */
    private static byte[] forgedRecord() {
        byte[] forged = new byte[5 + 40];
        Arrays.fill(forged, (byte) 5);
        System.arraycopy(new byte[] {23, 3, 3, 0, 40}, 0, forged, 0, 5);
        return forged;
    }

    private Tls12SessionState take() {
        Tls12SessionState s = store.takeTls12("localhost", System.currentTimeMillis(), x -> true);
        assertNotNull(s);
        return s;
    }

    private static Tls12SessionState withTicket(Tls12SessionState s, byte[] ticket) {
        return new Tls12SessionState(s.serverName(), s.cipherSuite(), s.masterSecret(), s.sessionId(), ticket, s.peerCertificates(),
                s.applicationProtocol(), s.lifetimeSeconds(), s.receivedAtMillis());
    }

    private static TlsClient connect(TlsConfig clientConfig, TlsServerConfig serverConfig) throws Exception {
        return Pump.connect(clientConfig, serverConfig);
    }
}
