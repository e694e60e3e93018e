package io.tunstack.tls.record;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.Aead;
import io.tunstack.tls.crypto.AeadAlgorithm;
import javax.crypto.AEADBadTagException;

/**
 * TLS 1.2 AEAD record protection (RFC 5246 §6.2.3.3) with additional data
 * seq_num || type || version || length. The nonce depends on the cipher:
 * <ul>
 *   <li>AES-GCM (RFC 5288 §3): 4-byte implicit salt || 8-byte explicit nonce carried in the record;
 *       we send the sequence number as the explicit part;</li>
 *   <li>ChaCha20-Poly1305 (RFC 7905 §2): 12-byte IV XOR sequence number, nothing explicit.</li>
 * </ul>
 */
public final class Tls12RecordProtection implements RecordProtection {

    private static final int EXPLICIT_NONCE_LENGTH = 8;

    private final Aead aead;
    private final byte[] fixedIv;
    private final int explicitNonceLength;
    private final SequenceNumber sequence;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] additionalData = new byte[13];

    /** @param fixedIv client_write_IV or server_write_IV from the key block: 4 bytes for AES-GCM, 12 for ChaCha20 */
    public Tls12RecordProtection(AeadAlgorithm algorithm, byte[] key, byte[] fixedIv) {
        this(algorithm, key, fixedIv, new SequenceNumber());
    }

    Tls12RecordProtection(AeadAlgorithm algorithm, byte[] key, byte[] fixedIv, SequenceNumber sequence) {
        this.explicitNonceLength = algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? 0 : EXPLICIT_NONCE_LENGTH;
        if (fixedIv.length != AeadAlgorithm.NONCE_LENGTH - explicitNonceLength) {
            throw new IllegalArgumentException("wrong TLS 1.2 fixed IV length for " + algorithm);
        }
        this.aead = algorithm.newAead(key);
        this.fixedIv = fixedIv.clone();
        this.sequence = sequence;
    }

    /** The fixed IV length a TLS 1.2 suite with this AEAD derives from the key block. */
    public static int fixedIvLength(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? AeadAlgorithm.NONCE_LENGTH : 4;
    }

    @Override
    public int maxFragmentLength() {
        return RecordLimits.MAX_CIPHERTEXT_TLS12;
    }

    @Override
    public int recordLength(int plaintextLength) {
        return RecordLimits.HEADER_LENGTH + explicitNonceLength + plaintextLength + AeadAlgorithm.TAG_LENGTH;
    }

    /** Encrypts straight from {@code src} into the record, after the header and the explicit nonce. */
    @Override
    public int seal(ContentType type, byte[] src, int off, int len, byte[] dst, int dstOff) throws TlsException {
        long seq = sequence.getAndIncrement();
        int total = recordLength(len);
        RecordProtection.writeHeader(dst, dstOff, type.code(), total - RecordLimits.HEADER_LENGTH);
        computeNonce(seq);
        int explicitAt = dstOff + RecordLimits.HEADER_LENGTH;
        System.arraycopy(nonce, fixedIv.length, dst, explicitAt, explicitNonceLength);
        setAdditionalData(seq, type.code(), 0x03, 0x03, len);
        aead.seal(nonce, additionalData, src, off, len, dst, explicitAt + explicitNonceLength);
        return total;
    }

    /** Decrypts out of place, into the AEAD's buffer; the content is returned as a range of it (see {@link Aead#opened()}). */
    @Override
    public TlsPlaintext open(TlsCiphertext record) throws TlsException {
        int cipherLength = record.fragmentLength() - explicitNonceLength;
        if (cipherLength < AeadAlgorithm.TAG_LENGTH) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record too short for its AEAD");
        }
        int plaintextLength = cipherLength - AeadAlgorithm.TAG_LENGTH;
        if (plaintextLength > RecordLimits.MAX_PLAINTEXT) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW, "decrypted fragment longer than 2^14");
        }
        byte[] data = record.data();
        int explicitAt = record.fragmentOffset();
        long seq = sequence.getAndIncrement();
        computeNonce(seq);
        System.arraycopy(data, explicitAt, nonce, fixedIv.length, explicitNonceLength);
        int header = record.offset();
        setAdditionalData(seq, data[header], data[header + 1], data[header + 2], plaintextLength);
        int body = explicitAt + explicitNonceLength;
        try {
            aead.open(nonce, additionalData, data, body, cipherLength);
        } catch (AEADBadTagException e) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record authentication failed", e);
        }
        return new TlsPlaintext(record.type(), aead.opened(), 0, plaintextLength);
    }

    /** GCM: salt || seq (the explicit part we send); ChaCha20: IV XOR seq. Receivers overwrite the GCM explicit part. */
    private void computeNonce(long seq) {
        System.arraycopy(fixedIv, 0, nonce, 0, fixedIv.length);
        if (explicitNonceLength == 0) {
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
            }
        } else {
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] = (byte) (seq >>> (8 * i));
            }
        }
    }

    private void setAdditionalData(long seq, int type, int versionMajor, int versionMinor, int length) {
        for (int i = 0; i < 8; i++) {
            additionalData[7 - i] = (byte) (seq >>> (8 * i));
        }
        additionalData[8] = (byte) type;
        additionalData[9] = (byte) versionMajor;
        additionalData[10] = (byte) versionMinor;
        additionalData[11] = (byte) (length >>> 8);
        additionalData[12] = (byte) length;
    }
}
