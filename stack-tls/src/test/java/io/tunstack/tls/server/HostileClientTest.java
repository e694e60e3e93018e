package io.tunstack.tls.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.TlsConnection;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.TlsServer;
import io.tunstack.tls.crypto.KeyExchange;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.handshake.ByteReader;
import io.tunstack.tls.handshake.ByteWriter;
import io.tunstack.tls.handshake.ClientHello;
import io.tunstack.tls.handshake.Extension;
import io.tunstack.tls.handshake.ExtensionType;
import io.tunstack.tls.handshake.HandshakeMessage;
import io.tunstack.tls.handshake.HandshakeType;
import io.tunstack.tls.handshake.KeySchedule;
import io.tunstack.tls.handshake.ServerHello;
import io.tunstack.tls.handshake.TrafficKeys;
import io.tunstack.tls.handshake.Transcript;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.ContentType;
import io.tunstack.tls.record.ProtocolVersion;
import io.tunstack.tls.record.RecordLimits;
import io.tunstack.tls.record.Tls13RecordProtection;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scripted clients that break the rules against our server: each must end in the alert RFC 8446
 * §6.2 names, sent to the client, and the server must neither hang nor leak data.
 */
class HostileClientTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TlsServer server = new TlsServer(ServerPki.serverConfig("EC").groups(NamedGroup.X25519, NamedGroup.SECP256R1).build());
    private final KeyExchange share = NamedGroup.X25519.generate(RANDOM);

    @Test
    void truncatedClientHelloIsDecodeError() {
        byte[] hello = clientHello(extensions());
        byte[] body = Arrays.copyOfRange(hello, 4, 60);
        assertAlert(AlertDescription.DECODE_ERROR, record(ContentType.HANDSHAKE, HandshakeMessage.of(HandshakeType.CLIENT_HELLO, body).encoded()));
    }

    @Test
    void sessionIdLongerThan32BytesIsDecodeError() {
        byte[] hello = new ClientHello(new byte[32], new byte[33], List.of(CipherSuite.TLS_AES_128_GCM_SHA256), extensions()).encode().encoded();
        assertAlert(AlertDescription.DECODE_ERROR, record(ContentType.HANDSHAKE, hello));
    }

    @Test
    void withoutSupportedVersionsOnATls13OnlyServerIsProtocolVersion() {
        server = new TlsServer(ServerPki.serverConfig("EC").versions(ProtocolVersion.TLS_1_3).build());
        List<Extension> extensions = without(extensions(), ExtensionType.SUPPORTED_VERSIONS);
        assertAlert(AlertDescription.PROTOCOL_VERSION, record(ContentType.HANDSHAKE, clientHello(extensions)));
    }

    /** Without supported_versions the TLS 1.2 path is taken, and this server insists on RFC 7627. */
    @Test
    void tls12WithoutExtendedMasterSecretIsHandshakeFailure() {
        List<Extension> extensions = without(extensions(), ExtensionType.SUPPORTED_VERSIONS);
        TlsException e = assertAlert(AlertDescription.HANDSHAKE_FAILURE, record(ContentType.HANDSHAKE, clientHello(extensions)));
        assertTrue(e.getMessage().contains("extended_master_secret"), e.getMessage());
    }

    @Test
    void tls12WithRenegotiationDataIsHandshakeFailure() {
        List<Extension> extensions = without(extensions(), ExtensionType.SUPPORTED_VERSIONS);
        extensions.add(new Extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]));
        extensions.add(new Extension(ExtensionType.RENEGOTIATION_INFO, new byte[] {1, 7}));
        assertAlert(AlertDescription.HANDSHAKE_FAILURE, record(ContentType.HANDSHAKE,
                new ClientHello(new byte[32], new byte[0], List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), extensions).encode().encoded()));
    }

    /** RFC 5246 §7.4.1.2 legacy_version 0x0302 (TLS 1.1) without supported_versions: nothing in common. */
    @Test
    void tls11IsProtocolVersion() {
        byte[] hello = clientHello(without(extensions(), ExtensionType.SUPPORTED_VERSIONS));
        hello[5] = 2;
        assertAlert(AlertDescription.PROTOCOL_VERSION, record(ContentType.HANDSHAKE, hello));
    }

    @Test
    void duplicateExtensionIsIllegalParameter() {
        List<Extension> extensions = extensions();
        extensions.add(extensions.get(0));
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, record(ContentType.HANDSHAKE, clientHello(extensions)));
    }

    @Test
    void withoutSignatureAlgorithmsIsMissingExtension() {
        assertAlert(AlertDescription.MISSING_EXTENSION,
                record(ContentType.HANDSHAKE, clientHello(without(extensions(), ExtensionType.SIGNATURE_ALGORITHMS))));
    }

    @Test
    void withoutKeyShareIsMissingExtension() {
        assertAlert(AlertDescription.MISSING_EXTENSION, record(ContentType.HANDSHAKE, clientHello(without(extensions(), ExtensionType.KEY_SHARE))));
    }

    @Test
    void keyShareOutsideSupportedGroupsIsIllegalParameter() {
        List<Extension> extensions = without(extensions(), ExtensionType.SUPPORTED_GROUPS);
        extensions.add(supportedGroups(NamedGroup.SECP256R1));
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, record(ContentType.HANDSHAKE, clientHello(extensions)));
    }

    @Test
    void invalidKeyShareIsIllegalParameter() {
        List<Extension> extensions = without(extensions(), ExtensionType.KEY_SHARE);
        extensions.add(keyShare(NamedGroup.X25519, new byte[31]));
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, record(ContentType.HANDSHAKE, clientHello(extensions)));
    }

    @Test
    void compressionIsIllegalParameter() {
        byte[] hello = clientHello(extensions());
        // legacy_compression_methods follows version (2), random (32), session id (1 + 32), suites (2 + 2): make it {1, 0}.
        int at = 4 + 2 + 32 + 33 + 4;
        byte[] body = new ByteWriter().bytes(Arrays.copyOfRange(hello, 4, at)).opaque(1, new byte[] {1, 0})
                .bytes(Arrays.copyOfRange(hello, at + 2, hello.length)).toByteArray();
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, record(ContentType.HANDSHAKE, HandshakeMessage.of(HandshakeType.CLIENT_HELLO, body).encoded()));
    }

    @Test
    void preSharedKeyNotLastIsIllegalParameter() {
        List<Extension> extensions = extensions();
        extensions.add(0, new Extension(ExtensionType.PRE_SHARED_KEY, new byte[] {0, 0, 0, 0}));
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, record(ContentType.HANDSHAKE, clientHello(extensions)));
    }

    @Test
    void applicationDataFirstIsUnexpectedMessage() {
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, record(ContentType.APPLICATION_DATA, new byte[] {1, 2, 3}));
    }

    @Test
    void changeCipherSpecFirstIsUnexpectedMessage() {
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, record(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}));
    }

    @Test
    void finishedFirstIsUnexpectedMessage() {
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, record(ContentType.HANDSHAKE, HandshakeMessage.of(HandshakeType.FINISHED, new byte[32]).encoded()));
    }

    @Test
    void partialClientHelloWaitsForMore() throws Exception {
        byte[] hello = record(ContentType.HANDSHAKE, clientHello(extensions()));
        server.feed(ByteBuffer.wrap(hello, 0, hello.length - 10));
        assertEquals(TlsConnection.Status.HANDSHAKING, server.status());
        assertEquals(0, server.pendingOutput());
        server.feed(ByteBuffer.wrap(hello, hello.length - 10, 10));
        assertTrue(server.pendingOutput() > 0, "the whole ClientHello is answered");
    }

    /** RFC 8446 §4.1.2: after a HelloRetryRequest the client may not change its suites. */
    @Test
    void secondClientHelloWithOtherSuitesIsIllegalParameter() throws Exception {
        byte[] random = new byte[32];
        List<Extension> first = retryProvoking();
        server.feed(ByteBuffer.wrap(record(ContentType.HANDSHAKE, new ClientHello(random, new byte[0], List.of(CipherSuite.TLS_AES_128_GCM_SHA256), first)
                .encode().encoded())));
        assertTrue(ServerHello.decode(HandshakeMessage.parse(firstRecordBody())).isHelloRetryRequest());
        List<Extension> second = without(first, ExtensionType.KEY_SHARE);
        second.add(keyShare(NamedGroup.X25519, share.publicKey()));
        byte[] changed = new ClientHello(random, new byte[0], List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384), second)
                .encode().encoded();
        TlsException e = assertAlert(AlertDescription.ILLEGAL_PARAMETER, record(ContentType.HANDSHAKE, changed));
        assertTrue(e.getMessage().contains("changes more than the HelloRetryRequest allows"), e.getMessage());
    }

    @Test
    void secondClientHelloWithoutTheRequestedShareIsIllegalParameter() throws Exception {
        byte[] hello = record(ContentType.HANDSHAKE, clientHello(retryProvoking()));
        server.feed(ByteBuffer.wrap(hello));
        assertTrue(ServerHello.decode(HandshakeMessage.parse(firstRecordBody())).isHelloRetryRequest());
        TlsException e = assertAlert(AlertDescription.ILLEGAL_PARAMETER, hello);
        assertTrue(e.getMessage().contains("lacks the one key share for x25519"), e.getMessage());
    }

    /** A Finished under the right key but with the wrong verify_data (RFC 8446 §4.4.4). */
    @Test
    void wrongFinishedIsDecryptError() throws Exception {
        byte[] hello = clientHello(extensions());
        server.feed(ByteBuffer.wrap(record(ContentType.HANDSHAKE, hello)));
        byte[] serverHello = firstRecordBody();
        ServerHello decoded = ServerHello.decode(HandshakeMessage.parse(serverHello));
        ByteReader keyShare = decoded.extensions().reader(ExtensionType.KEY_SHARE);
        keyShare.u16();
        Transcript transcript = new Transcript();
        transcript.add(hello);
        transcript.add(serverHello);
        CipherSuite suite = CipherSuite.fromCode(decoded.cipherSuite());
        transcript.selectHash(suite.hash());
        KeySchedule schedule = new KeySchedule(suite.hash());
        schedule.inputSharedSecret(share.sharedSecret(keyShare.vector16(1)));
        Tls13RecordProtection clientKeys = TrafficKeys.protection(suite.hash(), suite.aead(),
                schedule.clientHandshakeTrafficSecret(transcript.currentHash()));
        byte[] finished = HandshakeMessage.of(HandshakeType.FINISHED, new byte[suite.hash().length()]).encoded();
        byte[] sealed = new byte[clientKeys.recordLength(finished.length)];
        clientKeys.seal(ContentType.HANDSHAKE, finished, 0, finished.length, sealed, 0);
        server.drainOutput(ByteBuffer.allocate(server.pendingOutput()));
        TlsException e = assertAlert(AlertDescription.DECRYPT_ERROR, sealed);
        assertTrue(e.getMessage().contains("Finished does not verify"), e.getMessage());
    }

    /** Feeds {@code bytes}; the server must fail with {@code alert} and queue exactly that fatal alert, in the clear. */
    private TlsException assertAlert(AlertDescription alert, byte[] bytes) {
        TlsException e = assertThrows(TlsException.class, () -> server.feed(ByteBuffer.wrap(bytes)));
        assertEquals(alert, e.alert(), e.getMessage());
        assertEquals(TlsConnection.Status.FAILED, server.status());
        assertNull(server.session());
        ByteBuffer out = ByteBuffer.allocate(server.pendingOutput());
        server.drainOutput(out);
        byte[] sent = out.array();
        assertTrue(sent.length >= RecordLimits.HEADER_LENGTH, "an alert was queued");
        if (sent[0] == ContentType.ALERT.code()) {
            assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, (byte) alert.code()}, Arrays.copyOfRange(sent, sent.length - 7, sent.length));
        } else {
            assertEquals(ContentType.APPLICATION_DATA.code(), sent[sent.length - 24], "a protected alert record ends the output");
        }
        assertThrows(TlsException.class, () -> server.feed(ByteBuffer.allocate(0)), "a failed server stays failed");
        assertFalse(server.status() == TlsConnection.Status.CONNECTED);
        return e;
    }

    /** The body of the first record the server queued. */
    private byte[] firstRecordBody() {
        ByteBuffer out = ByteBuffer.allocate(server.pendingOutput());
        server.drainOutput(out);
        byte[] sent = out.array();
        int length = ((sent[3] & 0xff) << 8) | (sent[4] & 0xff);
        return Arrays.copyOfRange(sent, RecordLimits.HEADER_LENGTH, RecordLimits.HEADER_LENGTH + length);
    }

    /** Supports X25519 and P-256 but sends only a P-384 share, which this server does not take. */
    private List<Extension> retryProvoking() {
        List<Extension> extensions = without(without(extensions(), ExtensionType.KEY_SHARE), ExtensionType.SUPPORTED_GROUPS);
        extensions.add(supportedGroups(NamedGroup.SECP384R1, NamedGroup.X25519));
        extensions.add(keyShare(NamedGroup.SECP384R1, NamedGroup.SECP384R1.generate(RANDOM).publicKey()));
        return extensions;
    }

    private List<Extension> extensions() {
        List<Extension> extensions = new ArrayList<>();
        extensions.add(new Extension(ExtensionType.SUPPORTED_VERSIONS, new byte[] {2, 3, 4}));
        extensions.add(supportedGroups(NamedGroup.X25519));
        extensions.add(new Extension(ExtensionType.SIGNATURE_ALGORITHMS,
                new ByteWriter().vector(2, w -> w.u16(SignatureScheme.ECDSA_SECP256R1_SHA256.code())).toByteArray()));
        extensions.add(keyShare(NamedGroup.X25519, share.publicKey()));
        return extensions;
    }

    private static Extension supportedGroups(NamedGroup... groups) {
        return new Extension(ExtensionType.SUPPORTED_GROUPS, new ByteWriter().vector(2, w -> {
            for (NamedGroup g : groups) {
                w.u16(g.code());
            }
        }).toByteArray());
    }

    private static Extension keyShare(NamedGroup group, byte[] key) {
        return new Extension(ExtensionType.KEY_SHARE, new ByteWriter().vector(2, w -> w.u16(group.code()).opaque(2, key)).toByteArray());
    }

    private static List<Extension> without(List<Extension> extensions, int type) {
        List<Extension> out = new ArrayList<>(extensions);
        out.removeIf(e -> e.type() == type);
        return out;
    }

    private static byte[] clientHello(List<Extension> extensions) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        byte[] sessionId = new byte[32];
        return new ClientHello(random, sessionId, List.of(CipherSuite.TLS_AES_128_GCM_SHA256), extensions).encode().encoded();
    }

    private static byte[] record(ContentType type, byte[] body) {
        return new ByteWriter().u8(type.code()).u16(0x0303).opaque(2, body).toByteArray();
    }
}
