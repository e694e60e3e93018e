package io.tunstack.tls.crypto;

import static io.tunstack.tls.crypto.Wycheproof.hex;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wycheproof signature verification vectors through {@link SignatureVerifier} with the matching TLS SignatureScheme. */
class SignatureWycheproofTest {

    private static PublicKey key(Map<String, Object> group, String algorithm) throws Exception {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(hex(group, "publicKeyDer")));
    }

    private static void verify(String file, String keyAlgorithm, SignatureScheme scheme) throws Exception {
        Wycheproof.run(file, Wycheproof.allGroups(),
                (g, t) -> SignatureVerifier.verify(scheme, key(g, keyAlgorithm), hex(t, "msg"), hex(t, "sig")));
    }

    /** The ECDSA files carry DER signatures, the TLS encoding (RFC 8446 §4.2.3). */
    @Test
    void ecdsaSecp256r1Sha256() throws Exception {
        verify("ecdsa_secp256r1_sha256_test.json", "EC", SignatureScheme.ECDSA_SECP256R1_SHA256);
    }

    @Test
    void ecdsaSecp384r1Sha384() throws Exception {
        verify("ecdsa_secp384r1_sha384_test.json", "EC", SignatureScheme.ECDSA_SECP384R1_SHA384);
    }

    @Test
    void ed25519() throws Exception {
        verify("ed25519_test.json", "Ed25519", SignatureScheme.ED25519);
    }

    /** MGF1-SHA-256 with a 32-byte salt is exactly rsa_pss_rsae_sha256. */
    @Test
    void rsaPssSha256() throws Exception {
        verify("rsa_pss_2048_sha256_mgf1_32_test.json", "RSA", SignatureScheme.RSA_PSS_RSAE_SHA256);
    }

    @Test
    void rsaPkcs1Sha256() throws Exception {
        verify("rsa_signature_2048_sha256_test.json", "RSA", SignatureScheme.RSA_PKCS1_SHA256);
    }
}
