package io.tunstack.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.tls.TlsServer;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.cert.TestPki;
import io.tunstack.tls.crypto.AeadAlgorithm;
import io.tunstack.tls.crypto.HashAlgorithm;
import io.tunstack.tls.crypto.SignatureScheme;
import io.tunstack.tls.crypto.SignatureVerifier;
import io.tunstack.tls.crypto.X25519KeyExchange;
import io.tunstack.tls.record.ContentType;
import io.tunstack.tls.record.Tls13RecordProtection;
import io.tunstack.tls.record.TlsCiphertext;
import io.tunstack.tls.record.TlsPlaintext;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §3 "Simple 1-RTT Handshake": every secret, key, IV and Finished value of the trace,
 * recomputed from the trace's inputs (the X25519 private keys and the handshake messages).
 */
class Rfc8448SimpleHandshakeTest {

    private static final byte[] CLIENT_HELLO = hex("010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece700000613011303130201"
                + "0000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400"
                + "230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b00"
                + "03020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c"
                + "00024001");
    private static final byte[] SERVER_HELLO = hex("020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024"
                + "001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304");
    private static final byte[] ENCRYPTED_EXTENSIONS = hex("080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000");
    private static final byte[] CERTIFICATE = hex("0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a864886f70d01010b0500300e310c300a"
                + "06035504031303727361301e170d3136303733303031323335395a170d3236303733303031323335395a300e310c300a"
                + "0603550403130372736130819f300d06092a864886f70d010101050003818d0030818902818100b4bb498f8279303d98"
                + "0836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced4312"
                + "0998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d0"
                + "3e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304023000300b060355"
                + "1d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5b9276b908c65f73a7267170618a54c5f"
                + "8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2dbf102"
                + "702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8"
                + "f8961229ac9187b42b4de10000");
    private static final byte[] CERTIFICATE_VERIFY = hex("0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b0b7abc90db78e2d3"
                + "3a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671459e46445c"
                + "9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3");
    private static final byte[] SERVER_FINISHED = hex("140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718");
    private static final byte[] CLIENT_FINISHED = hex("14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61");
    private static final byte[] NEW_SESSION_TICKET = hex("040000c90000001efad6aac502000000b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a34cb33fa90bf"
                + "1b0070ad3c498883c9367c09a2be785abc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827"
                + "db279cce145077d454a3664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228"
                + "bda40dda721470f9fbf297b5aea617646fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934a"
                + "e4d3570008002a000400000400");
    private static final byte[] CLIENT_FINISHED_RECORD = hex("170303003575ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f80338ac98fc46deb384bd1c"
                + "aeacab6867d726c40546");
    private static final byte[] CLIENT_PRIVATE = hex("49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005");
    private static final byte[] CLIENT_PUBLIC = hex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
    private static final byte[] SERVER_PUBLIC = hex("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f");
    private static final byte[] SERVER_PRIVATE = hex("b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e");
    private static final byte[] SERVER_RANDOM = hex("a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928");

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static void assertHex(String expected, byte[] actual) {
        assertEquals(expected, HexFormat.of().formatHex(actual));
    }

    @Test
    void reproducesTheWholeKeySchedule() throws Exception {
        X25519KeyExchange client = X25519KeyExchange.fromPrivateKey(CLIENT_PRIVATE);
        assertArrayEquals(CLIENT_PUBLIC, client.publicKey());
        byte[] shared = client.sharedSecret(SERVER_PUBLIC);
        assertHex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d", shared);

        HashAlgorithm sha256 = HashAlgorithm.SHA256;
        KeySchedule schedule = new KeySchedule(sha256);
        assertHex("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a", schedule.earlySecret());
        schedule.inputSharedSecret(shared);
        assertHex("1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac", schedule.handshakeSecret());

        Transcript transcript = new Transcript();
        transcript.add(CLIENT_HELLO);
        transcript.selectHash(sha256);
        transcript.add(SERVER_HELLO);
        byte[] helloHash = transcript.currentHash();
        byte[] clientHs = schedule.clientHandshakeTrafficSecret(helloHash);
        byte[] serverHs = schedule.serverHandshakeTrafficSecret(helloHash);
        assertHex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21", clientHs);
        assertHex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38", serverHs);

        TrafficKeys serverHsKeys = TrafficKeys.derive(sha256, AeadAlgorithm.AES_128_GCM, serverHs);
        assertHex("3fce516009c21727d0f2e4e86ee403bc", serverHsKeys.key());
        assertHex("5d313eb2671276ee13000b30", serverHsKeys.iv());
        TrafficKeys clientHsKeys = TrafficKeys.derive(sha256, AeadAlgorithm.AES_128_GCM, clientHs);
        assertHex("dbfaa693d1762c5b666af5d950258d01", clientHsKeys.key());
        assertHex("5bd3c71b836e0b76bb73265f", clientHsKeys.iv());

        schedule.deriveMasterSecret();
        assertHex("18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919", schedule.masterSecret());

        transcript.add(ENCRYPTED_EXTENSIONS);
        transcript.add(CERTIFICATE);
        transcript.add(CERTIFICATE_VERIFY);
        byte[] serverVerifyData = KeySchedule.finishedVerifyData(sha256, serverHs, transcript.currentHash());
        assertArrayEquals(Arrays.copyOfRange(SERVER_FINISHED, 4, 36), serverVerifyData);
        assertHex("9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718", serverVerifyData);

        transcript.add(SERVER_FINISHED);
        byte[] serverFinishedHash = transcript.currentHash();
        byte[] clientAp = schedule.clientApplicationTrafficSecret(serverFinishedHash);
        byte[] serverAp = schedule.serverApplicationTrafficSecret(serverFinishedHash);
        assertHex("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5", clientAp);
        assertHex("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643", serverAp);
        assertHex("fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50", schedule.exporterMasterSecret(serverFinishedHash));

        TrafficKeys serverApKeys = TrafficKeys.derive(sha256, AeadAlgorithm.AES_128_GCM, serverAp);
        assertHex("9f02283b6c9c07efc26bb9f2ac92e356", serverApKeys.key());
        assertHex("cf782b88dd83549aadf1e984", serverApKeys.iv());
        TrafficKeys clientApKeys = TrafficKeys.derive(sha256, AeadAlgorithm.AES_128_GCM, clientAp);
        assertHex("17422dda596ed5d9acd890e3c63f5051", clientApKeys.key());
        assertHex("5b78923dee08579033e523d9", clientApKeys.iv());

        byte[] clientVerifyData = KeySchedule.finishedVerifyData(sha256, clientHs, serverFinishedHash);
        assertHex("a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61", clientVerifyData);

        transcript.add(CLIENT_FINISHED);
        byte[] resumption = schedule.resumptionMasterSecret(transcript.currentHash());
        assertHex("7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c", resumption);
        assertHex("4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3",
                KeySchedule.ticketPsk(sha256, resumption, new byte[] {0, 0}));
    }

    /**
     * Our server, given the trace's ephemeral key and random, answers the trace's ClientHello with the
     * trace's ServerHello byte for byte, and protects what follows with the trace's server handshake key.
     * (The rest of the trace's flight cannot be reproduced: its RSA key is not published and RSA-PSS is randomized.)
     */
    @Test
    void serverAnswersTheTraceClientHelloWithTheTraceServerHello() throws Exception {
        TestPki.Issued root = TestPki.root("rfc8448 server test CA").selfSigned();
        TestPki.Issued leaf = TestPki.leaf("server").signedBy(root);
        ScriptedRandom random = new ScriptedRandom();
        TlsServer server = new TlsServer(TlsServerConfig.builder(leaf.keyPair().getPrivate(), List.of(leaf.certificate()))
                .random(random).ticketLifetimeSeconds(0).build());
        random.script(SERVER_PRIVATE, SERVER_RANDOM);
        server.feed(ByteBuffer.wrap(new ByteWriter().u8(ContentType.HANDSHAKE.code()).u16(0x0301).opaque(2, CLIENT_HELLO).toByteArray()));
        ByteBuffer out = ByteBuffer.allocate(server.pendingOutput());
        server.drainOutput(out);
        byte[] sent = out.array();
        byte[] serverHelloRecord = new ByteWriter().u8(ContentType.HANDSHAKE.code()).u16(0x0303).opaque(2, SERVER_HELLO).toByteArray();
        assertArrayEquals(serverHelloRecord, Arrays.copyOf(sent, serverHelloRecord.length));

        Tls13RecordProtection serverHandshakeKeys = TrafficKeys.protection(HashAlgorithm.SHA256, AeadAlgorithm.AES_128_GCM,
                hex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38"));
        byte[] protectedRecords = Arrays.copyOfRange(sent, serverHelloRecord.length, sent.length);
        int length = ((protectedRecords[3] & 0xff) << 8) | (protectedRecords[4] & 0xff);
        TlsPlaintext first = serverHandshakeKeys.open(new TlsCiphertext(ContentType.APPLICATION_DATA, protectedRecords, 0, length));
        assertEquals(ContentType.HANDSHAKE, first.type());
        assertEquals(HandshakeType.ENCRYPTED_EXTENSIONS.code(), first.data()[first.offset()]);
    }

    /** Hands out scripted byte strings once {@link #script} is called (for the key pair and random of one handshake), real randomness otherwise. */
    private static final class ScriptedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final ArrayDeque<byte[]> script = new ArrayDeque<>();

        void script(byte[]... values) {
            script.addAll(List.of(values));
        }

        @Override
        public void nextBytes(byte[] bytes) {
            byte[] next = script.poll();
            if (next == null) {
                super.nextBytes(bytes);
                return;
            }
            assertEquals(next.length, bytes.length, "scripted value of the wrong length");
            System.arraycopy(next, 0, bytes, 0, bytes.length);
        }
    }

    @Test
    void clientFinishedRecordMatchesTheTraceByteForByte() throws Exception {
        byte[] clientHs = hex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
        Tls13RecordProtection protection = TrafficKeys.protection(HashAlgorithm.SHA256, AeadAlgorithm.AES_128_GCM, clientHs);
        byte[] record = new byte[protection.recordLength(CLIENT_FINISHED.length)];
        int written = protection.seal(ContentType.HANDSHAKE, CLIENT_FINISHED, 0, CLIENT_FINISHED.length, record, 0);
        assertEquals(record.length, written);
        assertArrayEquals(CLIENT_FINISHED_RECORD, record);
    }

    /** The trace's CertificateVerify (rsa_pss_rsae_sha256) verifies over the RFC 8446 §4.4.3 content with the trace's certificate. */
    @Test
    void serverCertificateVerifySignatureVerifies() throws Exception {
        Transcript transcript = new Transcript();
        transcript.add(CLIENT_HELLO);
        transcript.selectHash(HashAlgorithm.SHA256);
        transcript.add(SERVER_HELLO);
        transcript.add(ENCRYPTED_EXTENSIONS);
        transcript.add(CERTIFICATE);
        CertificateVerify verify = CertificateVerify.decode(HandshakeMessage.parse(CERTIFICATE_VERIFY));
        java.security.PublicKey key = CertificateMessage.decode13(HandshakeMessage.parse(CERTIFICATE)).x509Chain().get(0).getPublicKey();
        byte[] content = CertificateVerify.tls13Content(CertificateVerify.SERVER_CONTEXT, transcript.currentHash());
        assertTrue(SignatureVerifier.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, key, content, verify.signature()));
        content[content.length - 1] ^= 1;
        assertFalse(SignatureVerifier.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, key, content, verify.signature()));
    }

    @Test
    void decodesTheTraceMessages() throws Exception {
        ServerHello hello = ServerHello.decode(HandshakeMessage.parse(SERVER_HELLO));
        assertEquals(0x1301, hello.cipherSuite());
        assertEquals(0x0304, hello.selectedVersion());
        assertFalse(hello.isHelloRetryRequest());
        assertFalse(hello.hasDowngradeSentinel());
        CertificateMessage certificate = CertificateMessage.decode13(HandshakeMessage.parse(CERTIFICATE));
        assertEquals("CN=rsa", certificate.x509Chain().get(0).getSubjectX500Principal().getName());
        CertificateVerify verify = CertificateVerify.decode(HandshakeMessage.parse(CERTIFICATE_VERIFY));
        assertEquals(0x0804, verify.scheme());
        NewSessionTicket ticket = NewSessionTicket.decode(HandshakeMessage.parse(NEW_SESSION_TICKET));
        assertEquals(30, ticket.lifetimeSeconds());
        assertArrayEquals(new byte[] {0, 0}, ticket.nonce());
    }
}
