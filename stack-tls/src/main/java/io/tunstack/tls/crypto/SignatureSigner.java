package io.tunstack.tls.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPrivateKey;
import java.util.stream.Stream;

/** Signs with a TLS SignatureScheme: ECDSA on P-256 and P-384 with {@link Ecdsa}, everything else with the JDK. */
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
        if (key instanceof ECPrivateKey ec && Ecdsa.supports(ec)) {
            try {
                return Ecdsa.sign(scheme, ec, message, random);
            } catch (IOException e) {
                throw new SignatureException("cannot encode the ECDSA signature", e);
            }
        }
        Signature signer = Signature.getInstance(scheme.jcaAlgorithm());
        if (scheme.pssParameters() != null) {
            signer.setParameter(scheme.pssParameters());
        }
        signer.initSign(key, random);
        signer.update(message);
        return signer.sign();
    }

    /**
     * Signs a probe with the first scheme the certificate key supports and verifies it, so that a key
     * that does not belong to its certificate fails when a configuration is built, not at the peer.
     *
     * @throws IllegalStateException if no scheme fits the key or the key does not match
     */
    public static void checkKeyMatches(PrivateKey key, PublicKey certificateKey, SecureRandom random) {
        SignatureScheme scheme = Stream.of(SignatureScheme.values()).filter(s -> canSign(s, certificateKey)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no supported signature scheme for a " + certificateKey.getAlgorithm() + " key"));
        byte[] probe = "tunstack key probe".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            matches = SignatureVerifier.verify(scheme, certificateKey, probe, sign(scheme, key, probe, random));
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalStateException("the private key does not match the certificate's " + scheme.keyAlgorithm() + " key");
        }
    }
}
