package io.tunstack.tls.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The hash functions TLS cipher suites use for HKDF, the PRF and the transcript hash. */
public enum HashAlgorithm {
    SHA256("SHA-256", "HmacSHA256", 32),
    SHA384("SHA-384", "HmacSHA384", 48);

    private final String digestName;
    private final String hmacName;
    private final int length;

    HashAlgorithm(String digestName, String hmacName, int length) {
        this.digestName = digestName;
        this.hmacName = hmacName;
        this.length = length;
    }

    /** Output length in bytes (Hash.length in RFC 8446). */
    public int length() {
        return length;
    }

    /** JCA name of the HMAC built on this hash. */
    public String hmacName() {
        return hmacName;
    }

    /** A fresh digest instance. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(digestName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + digestName, e);
        }
    }

    /** Hash of the given bytes. */
    public byte[] hash(byte[] data) {
        return newDigest().digest(data);
    }
}
