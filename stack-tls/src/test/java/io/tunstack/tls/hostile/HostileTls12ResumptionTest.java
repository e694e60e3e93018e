package io.tunstack.tls.hostile;

import static io.tunstack.tls.hostile.ScriptedServer.concat;
import static io.tunstack.tls.hostile.ScriptedServer.plaintextRecord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.SessionTicketStore;
import io.tunstack.tls.Tls12SessionState;
import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.handshake.ByteWriter;
import io.tunstack.tls.handshake.ClientHelloOffer;
import io.tunstack.tls.handshake.ExtensionType;
import io.tunstack.tls.handshake.HandshakeMessage;
import io.tunstack.tls.handshake.HandshakeType;
import io.tunstack.tls.handshake.Tls12KeyDerivation;
import io.tunstack.tls.handshake.Transcript;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ContentType;
import io.tunstack.tls.record.RecordLimits;
import io.tunstack.tls.record.TlsCiphertext;
import io.tunstack.tls.record.TlsPlaintext;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A scripted TLS 1.2 server answering a client that offers a kept session (RFC 5246 §7.3, RFC 5077 §3.4,
 * RFC 7627 §5.3): a correct abbreviated handshake, and servers that get resumption wrong.
 */
@Timeout(10)
class HostileTls12ResumptionTest {

    private static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    private static final byte[] CCS_RECORD = {20, 3, 3, 0, 1, 1};

    private final SessionTicketStore store = new SessionTicketStore(4);
    private final byte[] masterSecret = ScriptedServer.randomBytes(48);
    private final byte[] serverRandom = ScriptedServer.randomBytes(32);
    private TlsClient client;
    private byte[] clientHello;
    private ClientHelloOffer offer;

    /** A client holding one EMS session for localhost, by session_id or by ticket; its ClientHello is read. */
    private void start(byte[] sessionId, byte[] ticket) throws Exception {
        store.addTls12(new Tls12SessionState("localhost", SUITE, masterSecret, sessionId, ticket, List.of(), null, 3600, System.currentTimeMillis()));
        client = new TlsClient(TlsConfig.builder().serverName("localhost").insecure().sessionTicketStore(store).build());
        ByteBuffer first = ByteBuffer.allocate(client.pendingOutput());
        client.drainOutput(first);
        clientHello = Arrays.copyOfRange(first.array(), RecordLimits.HEADER_LENGTH, first.capacity());
        offer = ClientHelloOffer.decode(HandshakeMessage.parse(clientHello));
    }

    private static byte[] extension(int type, byte[] data) {
        return new ByteWriter().u16(type).opaque(2, data).toByteArray();
    }

    private static final byte[] EMS = extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]);

    private byte[] serverHello(byte[] sessionId, int suite, byte[] extensions) {
        return HandshakeMessage.of(HandshakeType.SERVER_HELLO, ScriptedServer.serverHelloBody(0x0303, serverRandom, sessionId, suite, extensions)).encoded();
    }

    private void expectAlert(byte[] records, AlertDescription alert) {
        TlsException e = assertThrows(TlsException.class, () -> client.feed(ByteBuffer.wrap(records)));
        assertEquals(alert, e.alert(), e.getMessage());
        ByteBuffer sent = ByteBuffer.allocate(client.pendingOutput());
        client.drainOutput(sent);
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, (byte) alert.code()}, sent.array());
        assertEquals(TlsClient.Status.FAILED, client.status());
        assertTrue(store.tls12Sessions("localhost", System.currentTimeMillis()).isEmpty(), "a failed handshake keeps no session");
    }

    @Test
    void clientHelloOffersTheSessionId() throws Exception {
        byte[] sessionId = ScriptedServer.randomBytes(32);
        start(sessionId, new byte[0]);
        assertArrayEquals(sessionId, offer.legacySessionId());
        assertArrayEquals(new byte[0], offer.extensions().get(ExtensionType.SESSION_TICKET), "an empty session_ticket asks for a ticket");
    }

    @Test
    void clientHelloOffersTheTicketWithAFreshSessionId() throws Exception {
        byte[] ticket = ScriptedServer.randomBytes(100);
        start(new byte[0], ticket);
        assertArrayEquals(ticket, offer.extensions().get(ExtensionType.SESSION_TICKET));
        assertEquals(32, offer.legacySessionId().length, "RFC 5077 §3.4: a session_id of our own to learn whether the ticket was taken");
        assertTrue(store.tls12Sessions("localhost", System.currentTimeMillis()).isEmpty(), "an offered session is taken from the store");
    }

    /** RFC 5077 Figure 2: ServerHello (echo), NewSessionTicket, ChangeCipherSpec, Finished; then the client's CCS and Finished. */
    @Test
    void correctAbbreviatedHandshakeWithARenewedTicketCompletes() throws Exception {
        start(new byte[0], ScriptedServer.randomBytes(100));
        Transcript transcript = new Transcript();
        transcript.add(clientHello);
        transcript.selectHash(SUITE.hash());
        byte[] hello = serverHello(offer.legacySessionId(), SUITE.code(), concat(EMS, extension(ExtensionType.SESSION_TICKET, new byte[0])));
        byte[] newTicket = ScriptedServer.randomBytes(80);
        byte[] ticketMessage = HandshakeMessage.of(HandshakeType.NEW_SESSION_TICKET, new ByteWriter().u32(600).opaque(2, newTicket).toByteArray()).encoded();
        transcript.add(hello);
        transcript.add(ticketMessage);
        Tls12KeyDerivation.RecordKeys keys = Tls12KeyDerivation.recordKeys(SUITE, masterSecret, offer.random(), serverRandom);
        byte[] serverFinished = HandshakeMessage.of(HandshakeType.FINISHED,
                Tls12KeyDerivation.verifyData(SUITE, masterSecret, "server finished", transcript.currentHash())).encoded();
        transcript.add(serverFinished);
        byte[] sealed = new byte[keys.serverWrite().recordLength(serverFinished.length)];
        keys.serverWrite().seal(ContentType.HANDSHAKE, serverFinished, 0, serverFinished.length, sealed, 0);

        client.feed(ByteBuffer.wrap(concat(plaintextRecord(ContentType.HANDSHAKE, concat(hello, ticketMessage)), CCS_RECORD, sealed)));
        assertEquals(TlsClient.Status.CONNECTED, client.status());
        assertTrue(client.session().resumed());
        ByteBuffer sent = ByteBuffer.allocate(client.pendingOutput());
        client.drainOutput(sent);
        byte[] bytes = sent.array();
        assertArrayEquals(CCS_RECORD, Arrays.copyOf(bytes, 6), "the client's ChangeCipherSpec");
        TlsPlaintext finished = keys.clientWrite().open(new TlsCiphertext(ContentType.HANDSHAKE, Arrays.copyOfRange(bytes, 6, 11),
                Arrays.copyOfRange(bytes, 11, bytes.length)));
        byte[] expected = HandshakeMessage.of(HandshakeType.FINISHED,
                Tls12KeyDerivation.verifyData(SUITE, masterSecret, "client finished", transcript.currentHash())).encoded();
        assertArrayEquals(expected, finished.copy(), "client Finished over ClientHello..server Finished");
        List<Tls12SessionState> kept = store.tls12Sessions("localhost", System.currentTimeMillis());
        assertEquals(1, kept.size());
        assertArrayEquals(newTicket, kept.get(0).ticket(), "the renewed ticket is kept");
        assertEquals(600, kept.get(0).lifetimeSeconds());
    }

    @Test
    void certificateAfterAResumingServerHelloIsUnexpectedMessage() throws Exception {
        byte[] sessionId = ScriptedServer.randomBytes(32);
        start(sessionId, new byte[0]);
        ScriptedServer scripted = new ScriptedServer(concat(new byte[5], clientHello));
        expectAlert(plaintextRecord(ContentType.HANDSHAKE, concat(serverHello(sessionId, SUITE.code(), EMS), scripted.certificate12())),
                AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void resumingWithAnotherSuiteIsIllegalParameter() throws Exception {
        byte[] sessionId = ScriptedServer.randomBytes(32);
        start(sessionId, new byte[0]);
        int other = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384.code();
        assertTrue(offer.cipherSuites().contains(other), "offered, so only the resumption makes it wrong");
        expectAlert(plaintextRecord(ContentType.HANDSHAKE, serverHello(sessionId, other, EMS)), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void resumingWithoutExtendedMasterSecretIsHandshakeFailure() throws Exception {
        byte[] sessionId = ScriptedServer.randomBytes(32);
        start(sessionId, new byte[0]);
        expectAlert(plaintextRecord(ContentType.HANDSHAKE, serverHello(sessionId, SUITE.code(), new byte[0])), AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void echoOfASessionIdWeDidNotOfferIsIllegalParameter() throws Exception {
        client = new TlsClient(TlsConfig.builder().serverName("localhost").insecure().sessionTicketStore(store).build());
        ByteBuffer first = ByteBuffer.allocate(client.pendingOutput());
        client.drainOutput(first);
        byte[] randomSessionId = ClientHelloOffer.decode(HandshakeMessage.parse(
                Arrays.copyOfRange(first.array(), RecordLimits.HEADER_LENGTH, first.capacity()))).legacySessionId();
        assertEquals(32, randomSessionId.length, "TLS 1.3 middlebox compatibility");
        expectAlert(plaintextRecord(ContentType.HANDSHAKE, serverHello(randomSessionId, SUITE.code(), EMS)), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void announcedTicketThatNeverComesIsUnexpectedMessage() throws Exception {
        start(new byte[0], ScriptedServer.randomBytes(100));
        byte[] hello = serverHello(offer.legacySessionId(), SUITE.code(), concat(EMS, extension(ExtensionType.SESSION_TICKET, new byte[0])));
        expectAlert(concat(plaintextRecord(ContentType.HANDSHAKE, hello), CCS_RECORD), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void sessionTicketExtensionWithABodyIsDecodeError() throws Exception {
        start(new byte[0], ScriptedServer.randomBytes(100));
        byte[] hello = serverHello(offer.legacySessionId(), SUITE.code(), concat(EMS, extension(ExtensionType.SESSION_TICKET, new byte[] {1})));
        expectAlert(plaintextRecord(ContentType.HANDSHAKE, hello), AlertDescription.DECODE_ERROR);
    }

    @Test
    void wrongServerFinishedInTheAbbreviatedHandshakeIsDecryptError() throws Exception {
        byte[] sessionId = ScriptedServer.randomBytes(32);
        start(sessionId, new byte[0]);
        Tls12KeyDerivation.RecordKeys keys = Tls12KeyDerivation.recordKeys(SUITE, masterSecret, offer.random(), serverRandom);
        byte[] finished = HandshakeMessage.of(HandshakeType.FINISHED, new byte[12]).encoded();
        byte[] sealed = new byte[keys.serverWrite().recordLength(finished.length)];
        keys.serverWrite().seal(ContentType.HANDSHAKE, finished, 0, finished.length, sealed, 0);
        TlsException e = assertThrows(TlsException.class, () -> client.feed(ByteBuffer.wrap(
                concat(plaintextRecord(ContentType.HANDSHAKE, serverHello(sessionId, SUITE.code(), EMS)), CCS_RECORD, sealed))));
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
        assertFalse(client.status() == TlsClient.Status.CONNECTED);
        assertTrue(store.tls12Sessions("localhost", System.currentTimeMillis()).isEmpty());
    }
}
