package io.tunstack.tls.hostile;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.crypto.HashAlgorithm;
import io.tunstack.tls.crypto.NamedGroup;
import io.tunstack.tls.crypto.X25519KeyExchange;
import io.tunstack.tls.handshake.ByteReader;
import io.tunstack.tls.handshake.ByteWriter;
import io.tunstack.tls.handshake.ExtensionType;
import io.tunstack.tls.handshake.Extensions;
import io.tunstack.tls.handshake.HandshakeMessage;
import io.tunstack.tls.handshake.HandshakeType;
import io.tunstack.tls.handshake.KeySchedule;
import io.tunstack.tls.handshake.TrafficKeys;
import io.tunstack.tls.handshake.Transcript;
import io.tunstack.tls.record.ContentType;
import io.tunstack.tls.record.RecordLimits;
import io.tunstack.tls.record.Tls13RecordProtection;
import io.tunstack.tls.record.TlsCiphertext;
import io.tunstack.tls.record.TlsPlaintext;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A hand-driven TLS 1.3 server (TLS_AES_128_GCM_SHA256, X25519, ECDSA P-256) for hostile-peer tests:
 * each flight is built explicitly so a test can corrupt exactly one thing.
 */
final class ScriptedServer {

    static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final HashAlgorithm HASH = SUITE.hash();

    private final KeyPair certificateKey;
    private final byte[] certificateDer;
    private final X25519KeyExchange keyShare = X25519KeyExchange.fromPrivateKey(randomBytes(32));
    private final Transcript transcript = new Transcript();
    private final byte[] clientRandom;
    private final byte[] sessionId;
    private final byte[] clientShare;
    private KeySchedule schedule;
    private byte[] serverHandshakeSecret;
    private byte[] clientHandshakeSecret;
    private Tls13RecordProtection writer;
    private Tls13RecordProtection clientReader;
    private Tls13RecordProtection clientReaderNext;
    private byte[] serverApplicationSecret;
    private byte[] clientApplicationSecret;

    /** Parses the client's first flight (one plaintext ClientHello record). */
    ScriptedServer(byte[] clientFlight) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        certificateKey = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        certificateDer = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(System.currentTimeMillis() - 60_000),
                new Date(System.currentTimeMillis() + 3_600_000), name, certificateKey.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(certificateKey.getPrivate())).getEncoded();

        byte[] clientHello = Arrays.copyOfRange(clientFlight, RecordLimits.HEADER_LENGTH, clientFlight.length);
        transcript.add(clientHello);
        ByteReader r = HandshakeMessage.parse(clientHello).body();
        r.u16();
        clientRandom = r.bytes(32);
        sessionId = r.vector8(0);
        r.vector16(2);
        r.vector8(1);
        Extensions extensions = Extensions.read(r);
        ByteReader shares = extensions.reader(ExtensionType.KEY_SHARE).sub(2);
        byte[] x25519 = null;
        while (shares.hasRemaining()) {
            int group = shares.u16();
            byte[] key = shares.vector16(1);
            if (group == NamedGroup.X25519.code()) {
                x25519 = key;
            }
        }
        clientShare = x25519;
    }

    byte[] clientRandom() {
        return clientRandom;
    }

    byte[] sessionId() {
        return sessionId;
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** A ServerHello body with the given fields; extensions as raw bytes (already framed entries). */
    static byte[] serverHelloBody(int legacyVersion, byte[] random, byte[] sessionId, int suite, byte[] extensions) {
        return new ByteWriter().u16(legacyVersion).bytes(random).opaque(1, sessionId).u16(suite).u8(0)
                .opaque(2, extensions).toByteArray();
    }

    /** The TLS 1.3 ServerHello extensions: supported_versions and our X25519 key_share. */
    byte[] tls13Extensions() {
        return new ByteWriter()
                .u16(ExtensionType.SUPPORTED_VERSIONS).opaque(2, new byte[] {3, 4})
                .u16(ExtensionType.KEY_SHARE).vector(2, w -> w.u16(NamedGroup.X25519.code()).opaque(2, keyShare.publicKey()))
                .toByteArray();
    }

    /** A valid TLS 1.3 ServerHello; installs the handshake keys on the server side. */
    byte[] serverHello() throws Exception {
        byte[] message = HandshakeMessage.of(HandshakeType.SERVER_HELLO,
                serverHelloBody(0x0303, randomBytes(32), sessionId, SUITE.code(), tls13Extensions())).encoded();
        acceptServerHello(message);
        return message;
    }

    /** Adds a ServerHello we built to the transcript and derives the handshake secrets. */
    void acceptServerHello(byte[] message) throws Exception {
        transcript.selectHash(HASH);
        transcript.add(message);
        schedule = new KeySchedule(HASH);
        schedule.inputSharedSecret(keyShare.sharedSecret(clientShare));
        byte[] hash = transcript.currentHash();
        serverHandshakeSecret = schedule.serverHandshakeTrafficSecret(hash);
        clientHandshakeSecret = schedule.clientHandshakeTrafficSecret(hash);
        writer = TrafficKeys.protection(HASH, SUITE.aead(), serverHandshakeSecret);
        clientReader = TrafficKeys.protection(HASH, SUITE.aead(), clientHandshakeSecret);
    }

    byte[] encryptedExtensions() {
        return add(HandshakeMessage.of(HandshakeType.ENCRYPTED_EXTENSIONS, new byte[] {0, 0}).encoded());
    }

    byte[] certificate() {
        byte[] body = new ByteWriter().u8(0).vector(3, w -> w.opaque(3, certificateDer).u16(0)).toByteArray();
        return add(HandshakeMessage.of(HandshakeType.CERTIFICATE, body).encoded());
    }

    /** CertificateVerify with ecdsa_secp256r1_sha256 over the RFC 8446 §4.4.3 content. */
    byte[] certificateVerify() throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] spaces = new byte[64];
        Arrays.fill(spaces, (byte) 0x20);
        content.writeBytes(spaces);
        content.writeBytes("TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII));
        content.write(0);
        content.writeBytes(transcript.currentHash());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(certificateKey.getPrivate());
        signer.update(content.toByteArray());
        byte[] body = new ByteWriter().u16(0x0403).opaque(2, signer.sign()).toByteArray();
        return add(HandshakeMessage.of(HandshakeType.CERTIFICATE_VERIFY, body).encoded());
    }

    byte[] finished() {
        byte[] verifyData = KeySchedule.finishedVerifyData(HASH, serverHandshakeSecret, transcript.currentHash());
        return add(HandshakeMessage.of(HandshakeType.FINISHED, verifyData).encoded());
    }

    /** Moves the server's write side (and the reader for client records) to the application keys. */
    void switchToApplicationKeys(byte[] clientFinished) {
        schedule.deriveMasterSecret();
        byte[] hash = transcript.currentHash();
        serverApplicationSecret = schedule.serverApplicationTrafficSecret(hash);
        clientApplicationSecret = schedule.clientApplicationTrafficSecret(hash);
        writer = TrafficKeys.protection(HASH, SUITE.aead(), serverApplicationSecret);
        clientReaderNext = TrafficKeys.protection(HASH, SUITE.aead(), clientApplicationSecret);
        transcript.add(clientFinished);
    }

    /** Once the client's Finished was read, client records use its application keys. */
    void clientSwitchedToApplicationKeys() {
        clientReader = clientReaderNext;
    }

    /** RFC 8446 §4.6.3 on the server side: the next server application traffic key for writing. */
    void updateWriteKey() {
        serverApplicationSecret = KeySchedule.nextTrafficSecret(HASH, serverApplicationSecret);
        writer = TrafficKeys.protection(HASH, SUITE.aead(), serverApplicationSecret);
    }

    /** The client updated its keys: read its records with the next client application traffic key. */
    void updateClientReadKey() {
        clientApplicationSecret = KeySchedule.nextTrafficSecret(HASH, clientApplicationSecret);
        clientReader = TrafficKeys.protection(HASH, SUITE.aead(), clientApplicationSecret);
    }

    /** A TLS 1.2 Certificate message carrying the server certificate. */
    byte[] certificate12() {
        return HandshakeMessage.of(HandshakeType.CERTIFICATE, new ByteWriter().vector(3, w -> w.opaque(3, certificateDer)).toByteArray())
                .encoded();
    }

    /**
     * A TLS 1.2 ECDHE ServerKeyExchange for X25519, signed with ecdsa_secp256r1_sha256 over
     * client_random || server_random || params (RFC 8422 §5.4).
     */
    byte[] serverKeyExchange12(byte[] serverRandom) throws Exception {
        byte[] params = new ByteWriter().u8(3).u16(NamedGroup.X25519.code()).opaque(1, keyShare.publicKey()).toByteArray();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(certificateKey.getPrivate());
        signer.update(concat(clientRandom, serverRandom, params));
        byte[] body = new ByteWriter().bytes(params).u16(0x0403).opaque(2, signer.sign()).toByteArray();
        return HandshakeMessage.of(HandshakeType.SERVER_KEY_EXCHANGE, body).encoded();
    }

    /** The full, valid encrypted server flight (EE, Certificate, CertificateVerify, Finished) in one record. */
    byte[] encryptedFlight() throws Exception {
        return protect(ContentType.HANDSHAKE, concat(encryptedExtensions(), certificate(), certificateVerify(), finished()));
    }

    byte[] protect(ContentType type, byte[] content) throws Exception {
        byte[] record = new byte[writer.recordLength(content.length)];
        writer.seal(type, content, 0, content.length, record, 0);
        return record;
    }

    /** Opens one protected client record. */
    TlsPlaintext openClientRecord(byte[] record) throws Exception {
        byte[] header = Arrays.copyOf(record, RecordLimits.HEADER_LENGTH);
        return clientReader.open(new TlsCiphertext(ContentType.fromCode(record[0]), header,
                Arrays.copyOfRange(record, RecordLimits.HEADER_LENGTH, record.length)));
    }

    static byte[] plaintextRecord(ContentType type, byte[] content) {
        return new ByteWriter().u8(type.code()).u16(0x0303).opaque(2, content).toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private byte[] add(byte[] message) {
        transcript.add(message);
        return message;
    }
}
