package io.tunstack.tls.crypto;

import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/** TLS SignatureScheme codes this client verifies (RFC 8446 §4.2.3), with their JCA algorithms. */
public enum SignatureScheme {
    ECDSA_SECP256R1_SHA256(0x0403, "SHA256withECDSA", "EC", null),
    ECDSA_SECP384R1_SHA384(0x0503, "SHA384withECDSA", "EC", null),
    ED25519(0x0807, "Ed25519", "EdDSA", null),
    RSA_PSS_RSAE_SHA256(0x0804, "RSASSA-PSS", "RSA", pss("SHA-256", MGF1ParameterSpec.SHA256, 32)),
    RSA_PSS_RSAE_SHA384(0x0805, "RSASSA-PSS", "RSA", pss("SHA-384", MGF1ParameterSpec.SHA384, 48)),
    RSA_PSS_RSAE_SHA512(0x0806, "RSASSA-PSS", "RSA", pss("SHA-512", MGF1ParameterSpec.SHA512, 64)),
    RSA_PKCS1_SHA256(0x0401, "SHA256withRSA", "RSA", null),
    RSA_PKCS1_SHA384(0x0501, "SHA384withRSA", "RSA", null),
    RSA_PKCS1_SHA512(0x0601, "SHA512withRSA", "RSA", null);

    private final int code;
    private final String jcaAlgorithm;
    private final String keyAlgorithm;
    private final PSSParameterSpec pssParameters;

    SignatureScheme(int code, String jcaAlgorithm, String keyAlgorithm, PSSParameterSpec pssParameters) {
        this.code = code;
        this.jcaAlgorithm = jcaAlgorithm;
        this.keyAlgorithm = keyAlgorithm;
        this.pssParameters = pssParameters;
    }

    /** RSASSA-PSS with MGF1 over the same hash and a salt as long as the hash (RFC 8446 §4.2.3). */
    private static PSSParameterSpec pss(String hash, MGF1ParameterSpec mgf, int saltLength) {
        return new PSSParameterSpec(hash, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }

    public int code() {
        return code;
    }

    String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    PSSParameterSpec pssParameters() {
        return pssParameters;
    }

    /** JCA key algorithm family of keys that can verify this scheme: "RSA", "EC" or "EdDSA". */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** RSASSA-PKCS1-v1_5 may sign certificates and TLS 1.2 messages but not TLS 1.3 handshake messages (RFC 8446 §4.2.3). */
    public boolean allowedInTls13Handshake() {
        return this != RSA_PKCS1_SHA256 && this != RSA_PKCS1_SHA384 && this != RSA_PKCS1_SHA512;
    }

    /** The scheme with this code, or null if unsupported. */
    public static SignatureScheme fromCode(int code) {
        for (SignatureScheme s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    /** The IANA registry name, e.g. rsa_pss_rsae_sha256. */
    public String ianaName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
