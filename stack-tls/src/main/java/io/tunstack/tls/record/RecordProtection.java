package io.tunstack.tls.record;

import io.tunstack.tls.TlsException;

/** Protection of records in one direction under one set of keys (or none, before keys exist). */
public interface RecordProtection {

    /** Largest fragment length a received record may have under this protection. */
    int maxFragmentLength();

    /** Length of the complete record (header included) that protects {@code plaintextLength} bytes. */
    int recordLength(int plaintextLength);

    /**
     * Writes one complete record carrying {@code src[off, off+len)} (at most 2^14 bytes) at {@code dst[dstOff]}.
     *
     * @return the number of bytes written, {@link #recordLength(int)}
     */
    int seal(ContentType type, byte[] src, int off, int len, byte[] dst, int dstOff) throws TlsException;

    /**
     * Removes protection from a received record. The content is a view, valid until the next call: into the record's
     * array (records without protection) or into a buffer of this protection (decrypted ones).
     */
    TlsPlaintext open(TlsCiphertext record) throws TlsException;

    /** True when this (write) key has protected as many records as its AEAD allows (RFC 8446 §5.5). */
    default boolean keyExhausted() {
        return false;
    }

    /** Writes the 5-byte record header. */
    static void writeHeader(byte[] dst, int off, int type, int length) {
        dst[off] = (byte) type;
        dst[off + 1] = 0x03;
        dst[off + 2] = 0x03;
        dst[off + 3] = (byte) (length >>> 8);
        dst[off + 4] = (byte) length;
    }
}
