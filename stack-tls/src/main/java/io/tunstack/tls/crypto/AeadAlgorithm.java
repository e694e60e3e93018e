package io.tunstack.tls.crypto;

/** The AEAD algorithms TLS 1.2 and 1.3 suites use; all take a 12-byte nonce and produce a 16-byte tag. */
public enum AeadAlgorithm {
    AES_128_GCM(16, 1L << 24),
    AES_256_GCM(32, 1L << 24),
    CHACHA20_POLY1305(32, Long.MAX_VALUE);

    /** Nonce length of every TLS AEAD (RFC 5116 N_MIN = N_MAX = 12). */
    public static final int NONCE_LENGTH = 12;
    /** Authentication tag length. */
    public static final int TAG_LENGTH = 16;

    private final int keyLength;
    private final long recordLimit;

    AeadAlgorithm(int keyLength, long recordLimit) {
        this.keyLength = keyLength;
        this.recordLimit = recordLimit;
    }

    public int keyLength() {
        return keyLength;
    }

    /**
     * Records one key may protect before it must be replaced. RFC 8446 §5.5 allows AES-GCM about
     * 2^24.5 full-size records; 2^24 keeps a margin. ChaCha20-Poly1305 has no practical limit.
     */
    public long recordLimit() {
        return recordLimit;
    }

    /** An AEAD instance keyed with {@code key}. */
    public Aead newAead(byte[] key) {
        return new Aead(this, key);
    }
}
