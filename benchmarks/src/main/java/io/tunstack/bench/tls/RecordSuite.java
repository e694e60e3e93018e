package io.tunstack.bench.tls;

import io.tunstack.tls.CipherSuite;
import io.tunstack.tls.crypto.AeadAlgorithm;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/** The three TLS 1.3 cipher suites, with their names in our stack, in JSSE and in the JCA. */
public enum RecordSuite {
    AES_128_GCM(CipherSuite.TLS_AES_128_GCM_SHA256),
    AES_256_GCM(CipherSuite.TLS_AES_256_GCM_SHA384),
    CHACHA20_POLY1305(CipherSuite.TLS_CHACHA20_POLY1305_SHA256);

    private final CipherSuite suite;

    RecordSuite(CipherSuite suite) {
        this.suite = suite;
    }

    AeadAlgorithm aead() {
        return suite.aead();
    }

    /** The suite's standard name, which JSSE uses too. */
    String jsseName() {
        return suite.name();
    }

    boolean chacha() {
        return aead() == AeadAlgorithm.CHACHA20_POLY1305;
    }

    String transformation() {
        return chacha() ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
    }

    String keyAlgorithm() {
        return chacha() ? "ChaCha20" : "AES";
    }

    /** The JCA parameters for one record's nonce. */
    AlgorithmParameterSpec parameters(byte[] nonce) {
        return chacha() ? new IvParameterSpec(nonce) : new GCMParameterSpec(AeadAlgorithm.TAG_LENGTH * 8, nonce);
    }
}
