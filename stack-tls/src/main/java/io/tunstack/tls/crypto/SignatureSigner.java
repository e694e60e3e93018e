package io.tunstack.tls.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

/** Signs with a TLS SignatureScheme using the JDK (the client's CertificateVerify). */
public final class SignatureSigner {

    private SignatureSigner() {
    }

    /**
     * True if the key behind the certificate key {@code publicKey} can make {@code scheme} signatures:
     * the key type fits and, for ECDSA, the curve is the scheme's (RFC 8446 §4.2.3; this client holds
     * TLS 1.2 to the same binding).
     */
    public static boolean canSign(SignatureScheme scheme, PublicKey publicKey) {
        return SignatureVerifier.keyFits(scheme, publicKey) && SignatureVerifier.curveMatches(scheme, publicKey);
    }

    /** A {@code scheme} signature over {@code message} (ECDSA as DER, as TLS sends it). */
    public static byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(scheme.jcaAlgorithm());
        if (scheme.pssParameters() != null) {
            signer.setParameter(scheme.pssParameters());
        }
        signer.initSign(key, random);
        signer.update(message);
        return signer.sign();
    }
}
