package io.tunstack.tls.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Verifies a signature made with a TLS SignatureScheme. RSA uses the JDK. ECDSA uses Bouncy Castle's
 * lightweight verifier on a strictly DER-decoded signature, because the JDK 17 verifier both accepts
 * non-DER encodings and rejects some valid signatures (Wycheproof "k*G has a large x-coordinate").
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
                return verifyEcdsa(scheme, (ECPublicKey) key, message, signature);
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

    private static boolean verifyEcdsa(SignatureScheme scheme, ECPublicKey key, byte[] message, byte[] signature) {
        X9ECParameters curve = curveOf(key);
        BigInteger[] rs = decodeDer(signature);
        if (curve == null || rs == null) {
            return false;
        }
        try {
            ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
            ECPublicKeyParameters publicKey = new ECPublicKeyParameters(
                    curve.getCurve().validatePoint(key.getW().getAffineX(), key.getW().getAffineY()), domain);
            ECDSASigner signer = new ECDSASigner();
            signer.init(false, publicKey);
            HashAlgorithm hash = scheme == SignatureScheme.ECDSA_SECP384R1_SHA384 ? HashAlgorithm.SHA384 : HashAlgorithm.SHA256;
            return signer.verifySignature(hash.hash(message), rs[0], rs[1]);
        } catch (IllegalArgumentException e) {
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

    /** The curve of the key if it is P-256 or P-384 (the curves of the offered ECDSA schemes). */
    private static X9ECParameters curveOf(ECPublicKey key) {
        for (String name : new String[] {"secp256r1", "secp384r1"}) {
            X9ECParameters curve = CustomNamedCurves.getByName(name);
            if (curve.getN().equals(key.getParams().getOrder())) {
                return curve;
            }
        }
        return null;
    }

    /** ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } in DER (re-encoding must give the same bytes). */
    private static BigInteger[] decodeDer(byte[] signature) {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(signature);
            if (sequence.size() != 2 || !Arrays.equals(sequence.getEncoded(ASN1Encoding.DER), signature)) {
                return null;
            }
            BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
            BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
            return r.signum() > 0 && s.signum() > 0 ? new BigInteger[] {r, s} : null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }
}
