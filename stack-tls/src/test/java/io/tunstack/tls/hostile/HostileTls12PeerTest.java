package io.tunstack.tls.hostile;

import static io.tunstack.tls.hostile.ScriptedServer.concat;
import static io.tunstack.tls.hostile.ScriptedServer.plaintextRecord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tunstack.tls.TlsClient;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.handshake.ByteWriter;
import io.tunstack.tls.handshake.ExtensionType;
import io.tunstack.tls.handshake.HandshakeMessage;
import io.tunstack.tls.handshake.HandshakeType;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ContentType;
import io.tunstack.tls.record.ProtocolVersion;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A scripted TLS 1.2 server (ECDHE-ECDSA) that misbehaves in the plaintext part of the handshake. */
@Timeout(10)
class HostileTls12PeerTest {

    private static final int ECDHE_ECDSA_AES128_GCM = 0xc02b;

    private TlsClient client;
    private ScriptedServer server;
    private final byte[] serverRandom = ScriptedServer.randomBytes(32);

    @BeforeEach
    void start() throws Exception {
        client = new TlsClient(TlsConfig.builder().serverName("localhost").insecure().build());
        ByteBuffer first = ByteBuffer.allocate(client.pendingOutput());
        client.drainOutput(first);
        server = new ScriptedServer(first.array());
    }

    private byte[] serverHello(byte[] extensions) {
        return HandshakeMessage.of(HandshakeType.SERVER_HELLO,
                ScriptedServer.serverHelloBody(0x0303, serverRandom, new byte[0], ECDHE_ECDSA_AES128_GCM, extensions)).encoded();
    }

    private static byte[] renegotiationInfo(byte[] content) {
        return new ByteWriter().u16(ExtensionType.RENEGOTIATION_INFO).opaque(2, content).toByteArray();
    }

    private void expectAlert(byte[] handshakeMessages, AlertDescription alert) {
        TlsException e = assertThrows(TlsException.class,
                () -> client.feed(ByteBuffer.wrap(plaintextRecord(ContentType.HANDSHAKE, handshakeMessages))));
        assertEquals(alert, e.alert(), e.getMessage());
        ByteBuffer sent = ByteBuffer.allocate(client.pendingOutput());
        client.drainOutput(sent);
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, (byte) alert.code()}, sent.array());
        assertEquals(TlsClient.Status.FAILED, client.status());
    }

    @Test
    void validFlightGetsTheClientKeyExchangeFlightAndHelloRequestIsIgnoredMeanwhile() throws Exception {
        byte[] helloRequest = HandshakeMessage.of(HandshakeType.HELLO_REQUEST, new byte[0]).encoded();
        byte[] flight = concat(serverHello(renegotiationInfo(new byte[] {0})), server.certificate12(), helloRequest,
                server.serverKeyExchange12(serverRandom), HandshakeMessage.of(HandshakeType.SERVER_HELLO_DONE, new byte[0]).encoded());
        client.feed(ByteBuffer.wrap(plaintextRecord(ContentType.HANDSHAKE, flight)));
        ByteBuffer sent = ByteBuffer.allocate(client.pendingOutput());
        client.drainOutput(sent);
        byte[] bytes = sent.array();
        assertEquals(ContentType.HANDSHAKE.code(), bytes[0]);
        assertEquals(HandshakeType.CLIENT_KEY_EXCHANGE.code(), bytes[5]);
        int next = 5 + (((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff));
        assertArrayEquals(new byte[] {20, 3, 3, 0, 1, 1}, java.util.Arrays.copyOfRange(bytes, next, next + 6), "ChangeCipherSpec");
        assertEquals(ContentType.HANDSHAKE.code(), bytes[next + 6], "encrypted Finished follows");
        assertEquals(TlsClient.Status.HANDSHAKING, client.status());
    }

    @Test
    void forgedServerKeyExchangeSignatureIsDecryptError() throws Exception {
        byte[] exchange = server.serverKeyExchange12(serverRandom);
        exchange[10] ^= 1;
        expectAlert(concat(serverHello(new byte[0]), server.certificate12(), exchange), AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void serverKeyExchangeSignedForOtherRandomsIsDecryptError() throws Exception {
        expectAlert(concat(serverHello(new byte[0]), server.certificate12(), server.serverKeyExchange12(ScriptedServer.randomBytes(32))),
                AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void missingServerKeyExchangeIsUnexpectedMessage() {
        expectAlert(concat(serverHello(new byte[0]), server.certificate12(),
                HandshakeMessage.of(HandshakeType.SERVER_HELLO_DONE, new byte[0]).encoded()), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void nonEmptyRenegotiationInfoIsHandshakeFailure() {
        expectAlert(serverHello(renegotiationInfo(new byte[] {1, 7})), AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void unsolicitedExtensionIsUnsupportedExtension() {
        byte[] encryptThenMac = new ByteWriter().u16(22).u16(0).toByteArray(); // RFC 7366, which we do not offer
        expectAlert(serverHello(encryptThenMac), AlertDescription.UNSUPPORTED_EXTENSION);
    }

    @Test
    void duplicateExtensionIsIllegalParameter() {
        expectAlert(serverHello(concat(renegotiationInfo(new byte[] {0}), renegotiationInfo(new byte[] {0}))),
                AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void tls11ServerIsProtocolVersion() {
        byte[] hello = HandshakeMessage.of(HandshakeType.SERVER_HELLO,
                ScriptedServer.serverHelloBody(0x0302, serverRandom, new byte[0], ECDHE_ECDSA_AES128_GCM, new byte[0])).encoded();
        expectAlert(hello, AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void tls12ServerWhenOnlyTls13IsEnabledIsProtocolVersion() throws Exception {
        client = new TlsClient(TlsConfig.builder().insecure().versions(ProtocolVersion.TLS_1_3).build());
        client.drainOutput(ByteBuffer.allocate(client.pendingOutput()));
        expectAlert(serverHello(new byte[0]), AlertDescription.PROTOCOL_VERSION);
    }
}
