package io.tunstack.tls.hostile;

import static io.tunstack.tls.hostile.ScriptedServer.concat;
import static io.tunstack.tls.hostile.ScriptedServer.plaintextRecord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.SessionTicketStore;
import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.handshake.ByteWriter;
import io.tunstack.tls.handshake.ExtensionType;
import io.tunstack.tls.handshake.HandshakeMessage;
import io.tunstack.tls.handshake.HandshakeType;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ContentType;
import io.tunstack.tls.record.TlsPlaintext;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A scripted in-memory server misbehaves in one way per test; the client must fail with the right
 * alert (sent to the peer) and a TlsException, never hang or crash.
 */
@Timeout(10)
class HostilePeerTest {

    private final SessionTicketStore tickets = new SessionTicketStore(4);
    private TlsClient client;
    private ScriptedServer server;

    @BeforeEach
    void start() throws Exception {
        client = new TlsClient(TlsConfig.builder().serverName("localhost").insecure().sessionTicketStore(tickets).build());
        server = new ScriptedServer(drain(client));
    }

    private static byte[] drain(TlsClient c) {
        ByteBuffer out = ByteBuffer.allocate(c.pendingOutput());
        c.drainOutput(out);
        return out.array();
    }

    private static List<byte[]> records(byte[] bytes) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < bytes.length; ) {
            int length = ((bytes[i + 3] & 0xff) << 8) | (bytes[i + 4] & 0xff);
            records.add(Arrays.copyOfRange(bytes, i, i + 5 + length));
            i += 5 + length;
        }
        return records;
    }

    /** Feeds {@code input}, expects failure with {@code alert}, and checks the plaintext alert record sent. */
    private TlsException expectPlaintextAlert(byte[] input, AlertDescription alert) {
        TlsException e = expectFailure(input, alert);
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, (byte) alert.code()}, drain(client));
        return e;
    }

    private TlsException expectFailure(byte[] input, AlertDescription alert) {
        TlsException e = assertThrows(TlsException.class, () -> client.feed(ByteBuffer.wrap(input)));
        assertEquals(alert, e.alert(), e.getMessage());
        assertFalse(e.receivedFromPeer());
        assertEquals(TlsClient.Status.FAILED, client.status());
        assertSame(e, assertThrows(TlsException.class, () -> client.feed(ByteBuffer.allocate(0))), "failure is sticky");
        return e;
    }

    private byte[] serverHelloRecord() throws Exception {
        return plaintextRecord(ContentType.HANDSHAKE, server.serverHello());
    }

    /** Runs a valid handshake to completion; the server then reads client records with the application keys. */
    private void completeHandshake() throws Exception {
        client.feed(ByteBuffer.wrap(concat(serverHelloRecord(), plaintextRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}),
                server.encryptedFlight())));
        assertEquals(TlsClient.Status.CONNECTED, client.status());
        List<byte[]> flight = records(drain(client));
        assertArrayEquals(new byte[] {20, 3, 3, 0, 1, 1}, flight.get(0), "middlebox compatibility change_cipher_spec");
        TlsPlaintext finished = server.openClientRecord(flight.get(1));
        assertEquals(ContentType.HANDSHAKE, finished.type());
        server.switchToApplicationKeys(finished.copy());
        server.clientSwitchedToApplicationKeys();
    }

    private void expectEncryptedAlert(AlertDescription alert) throws Exception {
        TlsPlaintext sent = server.openClientRecord(drain(client));
        assertEquals(ContentType.ALERT, sent.type());
        assertArrayEquals(new byte[] {2, (byte) alert.code()}, sent.copy());
    }

    @Test
    void serverHelloExtensionsLengthBeyondTheMessageIsDecodeError() throws Exception {
        byte[] body = ScriptedServer.serverHelloBody(0x0303, ScriptedServer.randomBytes(32), server.sessionId(), 0x1301,
                server.tls13Extensions());
        int extensionsLengthAt = 2 + 32 + 1 + server.sessionId().length + 2 + 1;
        body[extensionsLengthAt + 1]++;
        expectPlaintextAlert(plaintextRecord(ContentType.HANDSHAKE, HandshakeMessage.of(HandshakeType.SERVER_HELLO, body).encoded()),
                AlertDescription.DECODE_ERROR);
    }

    @Test
    void trailingByteAfterServerHelloIsDecodeError() throws Exception {
        byte[] body = concat(ScriptedServer.serverHelloBody(0x0303, ScriptedServer.randomBytes(32), server.sessionId(), 0x1301,
                server.tls13Extensions()), new byte[] {0});
        TlsException e = expectPlaintextAlert(plaintextRecord(ContentType.HANDSHAKE,
                HandshakeMessage.of(HandshakeType.SERVER_HELLO, body).encoded()), AlertDescription.DECODE_ERROR);
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void trailingByteInsideEncryptedFinishedIsDecodeError() throws Exception {
        client.feed(ByteBuffer.wrap(serverHelloRecord()));
        byte[] head = concat(server.encryptedExtensions(), server.certificate(), server.certificateVerify());
        byte[] finished = server.finished();
        byte[] padded = HandshakeMessage.of(HandshakeType.FINISHED, concat(Arrays.copyOfRange(finished, 4, finished.length), new byte[] {0})).encoded();
        byte[] flight = concat(head, padded);
        expectPlaintextAlert(server.protect(ContentType.HANDSHAKE, flight), AlertDescription.DECODE_ERROR);
    }

    /** RFC 8446 §4.3.2: signature_algorithms "MUST be specified"; an unknown extension alone does not do. */
    @Test
    void certificateRequestWithoutSignatureAlgorithmsIsMissingExtension() throws Exception {
        client.feed(ByteBuffer.wrap(serverHelloRecord()));
        byte[] request = HandshakeMessage.of(HandshakeType.CERTIFICATE_REQUEST,
                new ByteWriter().u8(0).vector(2, w -> w.u16(0xfafa).u16(0)).toByteArray()).encoded();
        expectPlaintextAlert(server.protect(ContentType.HANDSHAKE, concat(server.encryptedExtensions(), request)),
                AlertDescription.MISSING_EXTENSION);
    }

    @Test
    void plaintextRecordOverTwoToTheFourteenIsRecordOverflow() {
        byte[] header = {22, 3, 3, 0x40, 0x01};
        expectPlaintextAlert(header, AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    void ciphertextRecordOverTheTls13LimitIsRecordOverflow() throws Exception {
        client.feed(ByteBuffer.wrap(serverHelloRecord()));
        int tooLong = (1 << 14) + 256 + 1;
        expectPlaintextAlert(new byte[] {23, 3, 3, (byte) (tooLong >>> 8), (byte) tooLong}, AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    void corruptedAeadTagIsBadRecordMac() throws Exception {
        client.feed(ByteBuffer.wrap(serverHelloRecord()));
        byte[] flight = server.encryptedFlight();
        flight[flight.length - 1] ^= 1;
        expectPlaintextAlert(flight, AlertDescription.BAD_RECORD_MAC);
    }

    @Test
    void certificateBeforeServerHelloIsUnexpectedMessage() throws Exception {
        expectPlaintextAlert(plaintextRecord(ContentType.HANDSHAKE, server.certificate()), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void certificateBeforeEncryptedExtensionsIsUnexpectedMessage() throws Exception {
        client.feed(ByteBuffer.wrap(serverHelloRecord()));
        expectPlaintextAlert(server.protect(ContentType.HANDSHAKE, server.certificate()), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void applicationDataDuringTheHandshakeIsUnexpectedMessage() throws Exception {
        client.feed(ByteBuffer.wrap(serverHelloRecord()));
        expectPlaintextAlert(server.protect(ContentType.APPLICATION_DATA, new byte[] {1, 2, 3}), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void changeCipherSpecWithWrongBodyIsUnexpectedMessage() throws Exception {
        client.feed(ByteBuffer.wrap(serverHelloRecord()));
        expectPlaintextAlert(plaintextRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {2}), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void changeCipherSpecAfterTheHandshakeIsUnexpectedMessage() throws Exception {
        completeHandshake();
        expectFailure(plaintextRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}), AlertDescription.UNEXPECTED_MESSAGE);
        expectEncryptedAlert(AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void tamperedServerFinishedIsDecryptError() throws Exception {
        client.feed(ByteBuffer.wrap(serverHelloRecord()));
        byte[] head = concat(server.encryptedExtensions(), server.certificate(), server.certificateVerify());
        byte[] finished = server.finished();
        finished[finished.length - 1] ^= 1;
        byte[] flight = concat(head, finished);
        expectPlaintextAlert(server.protect(ContentType.HANDSHAKE, flight), AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void tls12ServerHelloWithDowngradeSentinelIsIllegalParameter() throws Exception {
        for (String last : List.of("01", "00")) {
            start();
            byte[] random = concat(ScriptedServer.randomBytes(24), HexFormat.of().parseHex("444f574e475244" + last));
            byte[] body = ScriptedServer.serverHelloBody(0x0303, random, new byte[0], 0xc02f, new byte[0]);
            expectPlaintextAlert(plaintextRecord(ContentType.HANDSHAKE, HandshakeMessage.of(HandshakeType.SERVER_HELLO, body).encoded()),
                    AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    @Test
    void suiteNotOfferedIsIllegalParameter() throws Exception {
        byte[] body = ScriptedServer.serverHelloBody(0x0303, ScriptedServer.randomBytes(32), server.sessionId(), 0x1304,
                server.tls13Extensions());
        expectPlaintextAlert(plaintextRecord(ContentType.HANDSHAKE, HandshakeMessage.of(HandshakeType.SERVER_HELLO, body).encoded()),
                AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void lowOrderX25519ShareIsIllegalParameter() throws Exception {
        byte[] extensions = new ByteWriter()
                .u16(ExtensionType.SUPPORTED_VERSIONS).opaque(2, new byte[] {3, 4})
                .u16(ExtensionType.KEY_SHARE).vector(2, w -> w.u16(0x001d).opaque(2, new byte[32]))
                .toByteArray();
        byte[] body = ScriptedServer.serverHelloBody(0x0303, ScriptedServer.randomBytes(32), server.sessionId(), 0x1301, extensions);
        expectPlaintextAlert(plaintextRecord(ContentType.HANDSHAKE, HandshakeMessage.of(HandshakeType.SERVER_HELLO, body).encoded()),
                AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void secondHelloRetryRequestIsUnexpectedMessage() throws Exception {
        byte[] hrrRandom = HexFormat.of().parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
        byte[] extensions = new ByteWriter()
                .u16(ExtensionType.SUPPORTED_VERSIONS).opaque(2, new byte[] {3, 4})
                .u16(ExtensionType.KEY_SHARE).opaque(2, new byte[] {0x00, 0x17})
                .toByteArray();
        byte[] hrr = plaintextRecord(ContentType.HANDSHAKE, HandshakeMessage.of(HandshakeType.SERVER_HELLO,
                ScriptedServer.serverHelloBody(0x0303, hrrRandom, server.sessionId(), 0x1301, extensions)).encoded());
        client.feed(ByteBuffer.wrap(hrr));
        List<byte[]> secondFlight = records(drain(client));
        assertArrayEquals(new byte[] {20, 3, 3, 0, 1, 1}, secondFlight.get(0), "change_cipher_spec before the second ClientHello");
        assertEquals(HandshakeType.CLIENT_HELLO.code(), secondFlight.get(1)[5]);
        expectPlaintextAlert(hrr, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void fatalAlertFromThePeerFailsWithoutAnswering() throws Exception {
        TlsException e = assertThrows(TlsException.class,
                () -> client.feed(ByteBuffer.wrap(plaintextRecord(ContentType.ALERT, new byte[] {2, 40}))));
        assertTrue(e.receivedFromPeer());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
        assertEquals(0, client.pendingOutput());
    }

    @Test
    void handshakeSplitIntoOneByteFeedsAndManyRecordsCompletes() throws Exception {
        byte[] serverHello = server.serverHello();
        byte[] input = concat(plaintextRecord(ContentType.HANDSHAKE, Arrays.copyOf(serverHello, 10)),
                plaintextRecord(ContentType.HANDSHAKE, Arrays.copyOfRange(serverHello, 10, serverHello.length)));
        for (byte b : input) {
            client.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        byte[] flight = concat(server.encryptedExtensions(), server.certificate(), server.certificateVerify(), server.finished());
        for (int i = 0; i < flight.length; i += 100) {
            client.feed(ByteBuffer.wrap(server.protect(ContentType.HANDSHAKE, Arrays.copyOfRange(flight, i, Math.min(flight.length, i + 100)))));
        }
        assertEquals(TlsClient.Status.CONNECTED, client.status());
    }

    @Test
    void applicationDataKeyUpdateAndCloseNotify() throws Exception {
        completeHandshake();
        byte[] ticket = HandshakeMessage.of(HandshakeType.NEW_SESSION_TICKET, new ByteWriter().u16(0).u16(7200).u16(0).u16(1)
                .opaque(1, new byte[] {0}).opaque(2, new byte[] {9, 9, 9}).u16(0).toByteArray()).encoded();
        byte[] keyUpdate = HandshakeMessage.of(HandshakeType.KEY_UPDATE, new byte[] {1}).encoded();
        client.feed(ByteBuffer.wrap(concat(server.protect(ContentType.HANDSHAKE, concat(ticket, keyUpdate)))));
        assertEquals(1, tickets.tickets("localhost", System.currentTimeMillis()).size());
        TlsPlaintext answer = server.openClientRecord(drain(client));
        assertArrayEquals(HandshakeMessage.of(HandshakeType.KEY_UPDATE, new byte[] {0}).encoded(), answer.copy());
        server.updateClientReadKey();
        server.updateWriteKey();

        client.feed(ByteBuffer.wrap(server.protect(ContentType.APPLICATION_DATA, "hello".getBytes(StandardCharsets.US_ASCII))));
        ByteBuffer in = ByteBuffer.allocate(100);
        assertEquals(5, client.read(in));
        client.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), server.openClientRecord(drain(client)).copy());

        client.feed(ByteBuffer.wrap(server.protect(ContentType.ALERT, new byte[] {1, 0})));
        assertEquals(TlsClient.Status.CLOSED, client.status());
        assertEquals(-1, client.read(in));
    }

    @Test
    void transportEndWithoutCloseNotifyIsTruncation() throws Exception {
        completeHandshake();
        client.feedEndOfStream();
        assertEquals(TlsClient.Status.TRUNCATED, client.status());
        assertThrows(EOFException.class, () -> client.read(ByteBuffer.allocate(10)));
    }
}
