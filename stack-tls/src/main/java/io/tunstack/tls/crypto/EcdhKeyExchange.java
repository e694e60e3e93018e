package io.tunstack.tls.crypto;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDHE over secp256r1 or secp384r1 with uncompressed point encoding (RFC 8446 §4.2.8.2, RFC 8422 §5.4.1).
 * Peer points are validated: correct length and form, coordinates in the field, on the curve, not infinity.
 */
public final class EcdhKeyExchange implements KeyExchange {

    private final NamedGroup group;
    private final X9ECParameters curve;
    private final BigInteger privateKey;
    private final byte[] publicKey;

    private EcdhKeyExchange(NamedGroup group, BigInteger privateKey) {
        this.group = group;
        this.curve = curveOf(group);
        if (privateKey.signum() <= 0 || privateKey.compareTo(curve.getN()) >= 0) {
            throw new IllegalArgumentException("EC private key out of range");
        }
        this.privateKey = privateKey;
        this.publicKey = curve.getG().multiply(privateKey).normalize().getEncoded(false);
    }

    static EcdhKeyExchange generate(NamedGroup group, SecureRandom random) {
        BigInteger n = curveOf(group).getN();
        return new EcdhKeyExchange(group, BigIntegers.createRandomInRange(BigInteger.ONE, n.subtract(BigInteger.ONE), random));
    }

    /** A key pair from a known private scalar (test vectors). */
    public static EcdhKeyExchange fromPrivateKey(NamedGroup group, BigInteger privateKey) {
        return new EcdhKeyExchange(group, privateKey);
    }

    private static X9ECParameters curveOf(NamedGroup group) {
        switch (group) {
            case SECP256R1:
                return CustomNamedCurves.getByName("secp256r1");
            case SECP384R1:
                return CustomNamedCurves.getByName("secp384r1");
            default:
                throw new IllegalArgumentException("not an ECDH group: " + group);
        }
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] sharedSecret(byte[] peerPublicKey) throws InvalidKeyException {
        int fieldLength = (curve.getCurve().getFieldSize() + 7) / 8;
        if (peerPublicKey.length != 1 + 2 * fieldLength || peerPublicKey[0] != 0x04) {
            throw new InvalidKeyException("EC public key is not an uncompressed " + group.ianaName() + " point");
        }
        ECPoint peer;
        try {
            peer = curve.getCurve().decodePoint(peerPublicKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("EC public key is not on " + group.ianaName(), e);
        }
        ECPoint shared = peer.multiply(privateKey).normalize();
        if (shared.isInfinity()) {
            throw new InvalidKeyException("ECDH result is the point at infinity");
        }
        return BigIntegers.asUnsignedByteArray(fieldLength, shared.getAffineXCoord().toBigInteger());
    }
}
