package io.tunstack.tls.crypto;

import java.security.InvalidKeyException;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** X25519 (RFC 7748) key exchange on Bouncy Castle's lightweight implementation. */
public final class X25519KeyExchange implements KeyExchange {

    private final byte[] privateKey;
    private final byte[] publicKey = new byte[X25519.POINT_SIZE];

    private X25519KeyExchange(byte[] privateKey) {
        if (privateKey.length != X25519.SCALAR_SIZE) {
            throw new IllegalArgumentException("X25519 private key must be 32 bytes");
        }
        this.privateKey = privateKey.clone();
        X25519.generatePublicKey(this.privateKey, 0, publicKey, 0);
    }

    static X25519KeyExchange generate(SecureRandom random) {
        byte[] k = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, k);
        return new X25519KeyExchange(k);
    }

    /** A key pair from a known private scalar (test vectors). */
    public static X25519KeyExchange fromPrivateKey(byte[] privateKey) {
        return new X25519KeyExchange(privateKey);
    }

    @Override
    public NamedGroup group() {
        return NamedGroup.X25519;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** RFC 8446 §7.4.2: the client MUST abort if the X25519 result is all zeros (a low-order peer point). */
    @Override
    public byte[] sharedSecret(byte[] peerPublicKey) throws InvalidKeyException {
        if (peerPublicKey.length != X25519.POINT_SIZE) {
            throw new InvalidKeyException("X25519 public key must be 32 bytes, got " + peerPublicKey.length);
        }
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, shared, 0)) {
            throw new InvalidKeyException("X25519 shared secret is all zeros");
        }
        return shared;
    }
}
