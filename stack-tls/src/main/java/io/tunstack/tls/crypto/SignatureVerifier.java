package io.tunstack.tls.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * Verifies a signature made with a TLS SignatureScheme. RSA and Ed25519 use the JDK, ECDSA uses {@link Ecdsa}
 * (strict DER, Bouncy Castle's arithmetic).
 * Ed25519 signatures must be exactly 64 bytes (RFC 8032 §5.1.7); the JDK ignores trailing bytes.
 */
public final class SignatureVerifier {

    private static final int ED25519_SIGNATURE_LENGTH = 64;

    private SignatureVerifier() {
    }

    /**
     * @return true only if {@code key} is of the scheme's key type and {@code signature} is a valid
     *     signature over {@code message}; malformed signatures and mismatched keys give false
     */
    public static boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        if (!keyFits(scheme, key)) {
            return false;
        }
        switch (scheme.keyAlgorithm()) {
            case "EC":
                return Ecdsa.verify(scheme, (ECPublicKey) key, message, signature);
            case "RSA":
                return verifyJca(scheme, key, message, signature);
            default:
                return signature.length == ED25519_SIGNATURE_LENGTH && verifyJca(scheme, key, message, signature);
        }
    }

    /** True if {@code key} is of the scheme's key type (any curve for ECDSA, see {@link #curveMatches}). */
    public static boolean keyFits(SignatureScheme scheme, PublicKey key) {
        switch (scheme.keyAlgorithm()) {
            case "EC":
                return key instanceof ECPublicKey;
            case "RSA":
                return key instanceof RSAPublicKey;
            default:
                return key instanceof EdECPublicKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName());
        }
    }

    private static boolean verifyJca(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(scheme.jcaAlgorithm());
            if (scheme.pssParameters() != null) {
                verifier.setParameter(scheme.pssParameters());
            }
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * TLS 1.3 binds each ECDSA scheme to one curve (RFC 8446 §4.2.3); TLS 1.2 does not.
     *
     * @return true unless {@code scheme} is ECDSA and {@code key} is on a different curve
     */
    public static boolean curveMatches(SignatureScheme scheme, PublicKey key) {
        if (!(key instanceof ECPublicKey ec) || !"EC".equals(scheme.keyAlgorithm())) {
            return true;
        }
        String expected = scheme == SignatureScheme.ECDSA_SECP384R1_SHA384 ? "secp384r1" : "secp256r1";
        return CustomNamedCurves.getByName(expected).getN().equals(ec.getParams().getOrder());
    }
}
