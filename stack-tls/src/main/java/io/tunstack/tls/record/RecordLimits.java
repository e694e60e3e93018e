package io.tunstack.tls.record;

/** Record size limits. */
public final class RecordLimits {

    /** Maximum plaintext fragment length, 2^14 (RFC 8446 §5.1, RFC 5246 §6.2.1). */
    public static final int MAX_PLAINTEXT = 1 << 14;
    /** Maximum TLS 1.3 TLSCiphertext fragment length, 2^14 + 256 (RFC 8446 §5.2). */
    public static final int MAX_CIPHERTEXT_TLS13 = MAX_PLAINTEXT + 256;
    /** Maximum TLS 1.2 TLSCiphertext fragment length, 2^14 + 2048 (RFC 5246 §6.2.3). */
    public static final int MAX_CIPHERTEXT_TLS12 = MAX_PLAINTEXT + 2048;
    /** Record header: type, legacy_record_version, length. */
    public static final int HEADER_LENGTH = 5;

    private RecordLimits() {
    }
}
