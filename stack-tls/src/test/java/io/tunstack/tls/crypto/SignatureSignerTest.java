package io.tunstack.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.Test;

/** Signatures {@link SignatureSigner} makes must verify with the JDK (an independent implementation) and with ours. */
class SignatureSignerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = "TLS 1.3, server CertificateVerify: transcript hash".getBytes(StandardCharsets.US_ASCII);

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve), RANDOM);
        return generator.generateKeyPair();
    }

    private static boolean jdkVerifies(String algorithm, KeyPair keys, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(keys.getPublic());
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static void assertSignsAndVerifies(SignatureScheme scheme, KeyPair keys, String jdkAlgorithm) throws Exception {
        for (int i = 0; i < 20; i++) {
            byte[] message = Arrays.copyOf(MESSAGE, MESSAGE.length + i);
            byte[] signature = SignatureSigner.sign(scheme, keys.getPrivate(), message, RANDOM);
            assertTrue(jdkVerifies(jdkAlgorithm, keys, message, signature), scheme + " signature rejected by the JDK");
            assertTrue(SignatureVerifier.verify(scheme, keys.getPublic(), message, signature));
            assertStrictDer(signature);
            message[0] ^= 1;
            assertFalse(SignatureVerifier.verify(scheme, keys.getPublic(), message, signature));
            assertFalse(jdkVerifies(jdkAlgorithm, keys, message, signature));
        }
    }

    /** TLS sends ECDSA signatures as DER (RFC 8446 §4.2.3): re-encoding must give the same bytes. */
    private static void assertStrictDer(byte[] signature) throws Exception {
        assertTrue(Arrays.equals(ASN1Sequence.getInstance(signature).getEncoded(ASN1Encoding.DER), signature));
    }

    @Test
    void ecdsaP256() throws Exception {
        assertSignsAndVerifies(SignatureScheme.ECDSA_SECP256R1_SHA256, ec("secp256r1"), "SHA256withECDSA");
    }

    @Test
    void ecdsaP384() throws Exception {
        assertSignsAndVerifies(SignatureScheme.ECDSA_SECP384R1_SHA384, ec("secp384r1"), "SHA384withECDSA");
    }

    /** TLS 1.2 does not bind the hash to the curve: ecdsa_secp256r1_sha256 with a P-384 key hashes with SHA-256. */
    @Test
    void tls12SchemeHashOnOtherCurve() throws Exception {
        assertSignsAndVerifies(SignatureScheme.ECDSA_SECP256R1_SHA256, ec("secp384r1"), "SHA256withECDSA");
    }

    /** A fresh k per signature: two signatures over the same message differ (and both verify). */
    @Test
    void randomizedSignatures() throws Exception {
        KeyPair keys = ec("secp256r1");
        byte[] first = SignatureSigner.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, keys.getPrivate(), MESSAGE, RANDOM);
        byte[] second = SignatureSigner.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, keys.getPrivate(), MESSAGE, RANDOM);
        assertNotEquals(Arrays.toString(first), Arrays.toString(second));
    }

    /** Curves other than P-256 and P-384 still sign, through the JDK. */
    @Test
    void otherCurveThroughJdk() throws Exception {
        KeyPair keys = ec("secp521r1");
        byte[] signature = SignatureSigner.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, keys.getPrivate(), MESSAGE, RANDOM);
        assertTrue(jdkVerifies("SHA256withECDSA", keys, MESSAGE, signature));
    }

    @Test
    void rsaPssThroughJdk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        KeyPair keys = generator.generateKeyPair();
        byte[] signature = SignatureSigner.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, keys.getPrivate(), MESSAGE, RANDOM);
        assertEquals(256, signature.length);
        assertTrue(SignatureVerifier.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, keys.getPublic(), MESSAGE, signature));
    }

    @Test
    void mismatchedKeyIsCaughtAtConfiguration() throws Exception {
        KeyPair one = ec("secp256r1");
        KeyPair other = ec("secp256r1");
        SignatureSigner.checkKeyMatches(one.getPrivate(), one.getPublic(), RANDOM);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SignatureSigner.checkKeyMatches(one.getPrivate(), other.getPublic(), RANDOM));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }
}
