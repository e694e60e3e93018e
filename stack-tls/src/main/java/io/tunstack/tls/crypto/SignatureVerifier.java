package io.tunstack.tls.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** Verifies a signature made with a TLS SignatureScheme. */
public final class SignatureVerifier {

    private SignatureVerifier() {
    }

    /**
     * @return true only if {@code key} is of the scheme's key type and {@code signature} is a valid
     *     signature over {@code message}; malformed signatures and mismatched keys give false
     */
    public static boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        if (!keyMatches(scheme, key)) {
            return false;
        }
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

    private static boolean keyMatches(SignatureScheme scheme, PublicKey key) {
        switch (scheme.keyAlgorithm()) {
            case "RSA":
                return key instanceof RSAPublicKey;
            case "EC":
                return key instanceof ECPublicKey;
            default:
                return key instanceof EdECPublicKey && "Ed25519".equalsIgnoreCase(((EdECPublicKey) key).getParams().getName());
        }
    }
}
