package io.tunstack.tls.record;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.Aead;
import io.tunstack.tls.crypto.AeadAlgorithm;
import javax.crypto.AEADBadTagException;

/**
 * TLS 1.3 record protection (RFC 8446 §5.2-5.3): TLSInnerPlaintext = content || type || zeros,
 * protected with the per-record nonce IV XOR sequence number and the record header as additional data.
 */
public final class Tls13RecordProtection implements RecordProtection {

    private final Aead aead;
    private final byte[] iv;
    private final SequenceNumber sequence;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    /** The additional data of the record being sealed or opened: its header. */
    private final byte[] header = new byte[RecordLimits.HEADER_LENGTH];
    private final byte[] innerType = new byte[1];

    public Tls13RecordProtection(AeadAlgorithm algorithm, byte[] key, byte[] iv) {
        this(algorithm, key, iv, new SequenceNumber());
    }

    Tls13RecordProtection(AeadAlgorithm algorithm, byte[] key, byte[] iv, SequenceNumber sequence) {
        if (iv.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("TLS 1.3 IV must be 12 bytes");
        }
        this.aead = algorithm.newAead(key);
        this.iv = iv.clone();
        this.sequence = sequence;
    }

    @Override
    public int maxFragmentLength() {
        return RecordLimits.MAX_CIPHERTEXT_TLS13;
    }

    @Override
    public int recordLength(int plaintextLength) {
        return RecordLimits.HEADER_LENGTH + plaintextLength + 1 + AeadAlgorithm.TAG_LENGTH;
    }

    @Override
    public boolean keyExhausted() {
        return Long.compareUnsigned(sequence.used(), aead.algorithm().recordLimit()) >= 0;
    }

    /**
     * RFC 8446 §5.2: encrypts TLSInnerPlaintext = content || type (no padding) straight from {@code src} into the
     * record; the outer header, which is the additional data, always says application_data / 0x0303.
     */
    @Override
    public int seal(ContentType type, byte[] src, int off, int len, byte[] dst, int dstOff) throws TlsException {
        computeNonce(sequence.getAndIncrement());
        int total = recordLength(len);
        RecordProtection.writeHeader(header, 0, ContentType.APPLICATION_DATA.code(), total - RecordLimits.HEADER_LENGTH);
        System.arraycopy(header, 0, dst, dstOff, RecordLimits.HEADER_LENGTH);
        innerType[0] = (byte) type.code();
        aead.seal(nonce, header, src, off, len, innerType, dst, dstOff + RecordLimits.HEADER_LENGTH);
        return total;
    }

    /** Decrypts out of place, into the AEAD's buffer; the content is returned as a range of it (see {@link Aead#opened()}). */
    @Override
    public TlsPlaintext open(TlsCiphertext record) throws TlsException {
        if (record.type() == ContentType.CHANGE_CIPHER_SPEC) {
            // change_cipher_spec is never protected in TLS 1.3 (RFC 8446 §5); the caller decides whether it is allowed.
            return record.asPlaintext();
        }
        if (record.type() != ContentType.APPLICATION_DATA) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                    "unprotected " + record.type() + " record after keys were established");
        }
        computeNonce(sequence.getAndIncrement());
        // RFC 8446 §5.2: the additional data is the record header as received.
        System.arraycopy(record.data(), record.offset(), header, 0, RecordLimits.HEADER_LENGTH);
        int length;
        try {
            length = aead.open(nonce, header, record.data(), record.fragmentOffset(), record.fragmentLength());
        } catch (AEADBadTagException e) {
            throw new TlsException(AlertDescription.BAD_RECORD_MAC, "record authentication failed", e);
        }
        if (length > RecordLimits.MAX_PLAINTEXT + 1) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW, "TLSInnerPlaintext longer than 2^14 + 1");
        }
        // RFC 8446 §5.4: the content type is the last non-zero byte; zeros after it are padding.
        byte[] data = aead.opened();
        int typeIndex = length - 1;
        while (typeIndex >= 0 && data[typeIndex] == 0) {
            typeIndex--;
        }
        if (typeIndex < 0) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "TLSInnerPlaintext has no non-zero content type");
        }
        ContentType inner = ContentType.fromCode(data[typeIndex] & 0xff);
        if (inner == null || inner == ContentType.CHANGE_CIPHER_SPEC) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE,
                    "protected record with inner content type " + (data[typeIndex] & 0xff));
        }
        return new TlsPlaintext(inner, data, 0, typeIndex);
    }

    /** RFC 8446 §5.3: the 64-bit sequence number, left-padded to 12 bytes, XORed with the IV. */
    private void computeNonce(long seq) {
        System.arraycopy(iv, 0, nonce, 0, iv.length);
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
    }
}
