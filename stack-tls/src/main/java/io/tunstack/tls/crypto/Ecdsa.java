package io.tunstack.tls.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ECDSA on P-256 and P-384 with Bouncy Castle's lightweight signer over its specialised curve arithmetic, for
 * JDK keys. Faster than the JDK's in both directions on JDK 17 and 25 ({@code PublicKeyBenchmark}: signing
 * ~12× on JDK 17, ~1.8× on JDK 25), and stricter when verifying: signatures must be DER (re-encoding gives the
 * same bytes), where the JDK 17 verifier accepts other encodings and rejects some valid signatures (Wycheproof
 * "k*G has a large x-coordinate").
 *
 * <p>The hash comes from the scheme and the curve from the key: TLS 1.3 binds the two (RFC 8446 §4.2.3,
 * checked by callers), TLS 1.2 does not.
 */
final class Ecdsa {
    /** The curves' domains, built once: their base points keep Bouncy Castle's precomputed multiples. */
    private static final ECDomainParameters[] CURVES = {domain("secp256r1"), domain("secp384r1")};

    private Ecdsa() {
    }

    /** True if the key is on a curve this class signs and verifies with. */
    static boolean supports(ECKey key) {
        return curveOf(key) != null;
    }

    /** A DER-encoded signature over the scheme's hash of {@code message}, with a random per-signature k. */
    static byte[] sign(SignatureScheme scheme, ECPrivateKey key, byte[] message, SecureRandom random) throws IOException {
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(key.getS(), curveOf(key)), random));
        BigInteger[] rs = signer.generateSignature(hashOf(scheme).hash(message));
        return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])}).getEncoded(ASN1Encoding.DER);
    }

    /** True only for a strict-DER signature that verifies; anything malformed gives false. */
    static boolean verify(SignatureScheme scheme, ECPublicKey key, byte[] message, byte[] signature) {
        ECDomainParameters curve = curveOf(key);
        BigInteger[] rs = decodeDer(signature);
        if (curve == null || rs == null) {
            return false;
        }
        try {
            ECPublicKeyParameters publicKey = new ECPublicKeyParameters(
                    curve.getCurve().validatePoint(key.getW().getAffineX(), key.getW().getAffineY()), curve);
            ECDSASigner signer = new ECDSASigner();
            signer.init(false, publicKey);
            return signer.verifySignature(hashOf(scheme).hash(message), rs[0], rs[1]);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static HashAlgorithm hashOf(SignatureScheme scheme) {
        return scheme == SignatureScheme.ECDSA_SECP384R1_SHA384 ? HashAlgorithm.SHA384 : HashAlgorithm.SHA256;
    }

    private static ECDomainParameters curveOf(ECKey key) {
        BigInteger order = key.getParams().getOrder();
        for (ECDomainParameters curve : CURVES) {
            if (curve.getN().equals(order)) {
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
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static ECDomainParameters domain(String name) {
        X9ECParameters parameters = CustomNamedCurves.getByName(name);
        return new ECDomainParameters(parameters.getCurve(), parameters.getG(), parameters.getN(), parameters.getH());
    }
}
