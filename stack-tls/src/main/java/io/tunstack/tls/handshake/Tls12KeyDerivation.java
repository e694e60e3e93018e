package io.tunstack.tls.handshake;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.Prf12;
import io.tunstack.tls.record.AlertDescription;
import io.tunstack.tls.record.Tls12RecordProtection;
import java.security.MessageDigest;
import java.util.Arrays;

/** TLS 1.2 secrets: master secret (RFC 5246 §8.1, RFC 7627 §4), key block (RFC 5246 §6.3), Finished (§7.4.9). */
public final class Tls12KeyDerivation {

    private static final int MASTER_SECRET_LENGTH = 48;
    static final int VERIFY_DATA_LENGTH = 12;

    private Tls12KeyDerivation() {
    }

    public static byte[] masterSecret(CipherSuite suite, byte[] preMasterSecret, byte[] clientRandom, byte[] serverRandom) {
        return Prf12.prf(suite.hash(), preMasterSecret, "master secret", concat(clientRandom, serverRandom), MASTER_SECRET_LENGTH);
    }

    /** RFC 7627 §4: the master secret bound to session_hash = Hash(handshake messages up to ClientKeyExchange). */
    public static byte[] extendedMasterSecret(CipherSuite suite, byte[] preMasterSecret, byte[] sessionHash) {
        return Prf12.prf(suite.hash(), preMasterSecret, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
    }

    /** verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]. */
    public static byte[] verifyData(CipherSuite suite, byte[] masterSecret, String finishedLabel, byte[] transcriptHash) {
        return Prf12.prf(suite.hash(), masterSecret, finishedLabel, transcriptHash, VERIFY_DATA_LENGTH);
    }

    /** Checks the peer's Finished in constant time; a wrong value is decrypt_error (RFC 5246 §7.4.9). */
    public static void verifyFinished(CipherSuite suite, byte[] masterSecret, String finishedLabel, byte[] transcriptHash, HandshakeMessage message)
            throws TlsException {
        ByteReader body = message.body();
        byte[] verifyData = body.bytes(VERIFY_DATA_LENGTH);
        body.expectEnd("Finished");
        if (!MessageDigest.isEqual(verifyData(suite, masterSecret, finishedLabel, transcriptHash), verifyData)) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "peer Finished does not verify");
        }
    }

    /** The two directions' record protection from the key block (AEAD suites have no MAC keys). */
    public static RecordKeys recordKeys(CipherSuite suite, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom) {
        int keyLength = suite.aead().keyLength();
        int ivLength = Tls12RecordProtection.fixedIvLength(suite.aead());
        byte[] block = Prf12.prf(suite.hash(), masterSecret, "key expansion", concat(serverRandom, clientRandom), 2 * (keyLength + ivLength));
        byte[] clientKey = Arrays.copyOfRange(block, 0, keyLength);
        byte[] serverKey = Arrays.copyOfRange(block, keyLength, 2 * keyLength);
        byte[] clientIv = Arrays.copyOfRange(block, 2 * keyLength, 2 * keyLength + ivLength);
        byte[] serverIv = Arrays.copyOfRange(block, 2 * keyLength + ivLength, 2 * (keyLength + ivLength));
        return new RecordKeys(
                new Tls12RecordProtection(suite.aead(), clientKey, clientIv),
                new Tls12RecordProtection(suite.aead(), serverKey, serverIv));
    }

    /** Client write and server write protection. */
    public record RecordKeys(Tls12RecordProtection clientWrite, Tls12RecordProtection serverWrite) {
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
