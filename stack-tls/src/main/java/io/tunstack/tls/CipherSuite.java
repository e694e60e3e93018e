package io.tunstack.tls;

import io.tunstack.tls.crypto.AeadAlgorithm;
import io.tunstack.tls.crypto.HashAlgorithm;
import io.tunstack.tls.record.ProtocolVersion;

/** The cipher suites this client implements (RFC 8446 §B.4; RFC 5289, 7905, 5288 for TLS 1.2). */
public enum CipherSuite {
    TLS_AES_128_GCM_SHA256(0x1301, ProtocolVersion.TLS_1_3, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256, KeyExchangeAlgorithm.TLS13),
    TLS_AES_256_GCM_SHA384(0x1302, ProtocolVersion.TLS_1_3, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384, KeyExchangeAlgorithm.TLS13),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, ProtocolVersion.TLS_1_3, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256, KeyExchangeAlgorithm.TLS13),
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xc02b, ProtocolVersion.TLS_1_2, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256, KeyExchangeAlgorithm.ECDHE_ECDSA),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xc02f, ProtocolVersion.TLS_1_2, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256, KeyExchangeAlgorithm.ECDHE_RSA),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xc02c, ProtocolVersion.TLS_1_2, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384, KeyExchangeAlgorithm.ECDHE_ECDSA),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xc030, ProtocolVersion.TLS_1_2, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384, KeyExchangeAlgorithm.ECDHE_RSA),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xcca9, ProtocolVersion.TLS_1_2, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256, KeyExchangeAlgorithm.ECDHE_ECDSA),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xcca8, ProtocolVersion.TLS_1_2, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256, KeyExchangeAlgorithm.ECDHE_RSA),
    TLS_RSA_WITH_AES_128_GCM_SHA256(0x009c, ProtocolVersion.TLS_1_2, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256, KeyExchangeAlgorithm.RSA),
    TLS_RSA_WITH_AES_256_GCM_SHA384(0x009d, ProtocolVersion.TLS_1_2, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384, KeyExchangeAlgorithm.RSA);

    /** How a suite establishes keys and authenticates the server. */
    public enum KeyExchangeAlgorithm {
        /** TLS 1.3: (EC)DHE with any signature scheme, negotiated by extensions. */
        TLS13,
        ECDHE_ECDSA,
        ECDHE_RSA,
        /** Static RSA key transport (no forward secrecy). */
        RSA
    }

    private final int code;
    private final ProtocolVersion version;
    private final AeadAlgorithm aead;
    private final HashAlgorithm hash;
    private final KeyExchangeAlgorithm keyExchange;

    CipherSuite(int code, ProtocolVersion version, AeadAlgorithm aead, HashAlgorithm hash, KeyExchangeAlgorithm keyExchange) {
        this.code = code;
        this.version = version;
        this.aead = aead;
        this.hash = hash;
        this.keyExchange = keyExchange;
    }

    public int code() {
        return code;
    }

    public ProtocolVersion version() {
        return version;
    }

    public AeadAlgorithm aead() {
        return aead;
    }

    /** The HKDF hash (TLS 1.3) or PRF hash (TLS 1.2). */
    public HashAlgorithm hash() {
        return hash;
    }

    public KeyExchangeAlgorithm keyExchange() {
        return keyExchange;
    }

    /** The suite with this code, or null if unsupported. */
    public static CipherSuite fromCode(int code) {
        for (CipherSuite s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
