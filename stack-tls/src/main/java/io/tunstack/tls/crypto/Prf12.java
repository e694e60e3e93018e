package io.tunstack.tls.crypto;

import java.nio.charset.StandardCharsets;

/** The TLS 1.2 pseudorandom function PRF(secret, label, seed) = P_hash(secret, label + seed), RFC 5246 §5. */
public final class Prf12 {

    private Prf12() {
    }

    public static byte[] prf(HashAlgorithm hash, byte[] secret, String label, byte[] seed, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] labelSeed = new byte[labelBytes.length + seed.length];
        System.arraycopy(labelBytes, 0, labelSeed, 0, labelBytes.length);
        System.arraycopy(seed, 0, labelSeed, labelBytes.length, seed.length);
        return pHash(hash, secret, labelSeed, length);
    }

    /** P_hash: A(0) = seed, A(i) = HMAC(secret, A(i-1)); output HMAC(secret, A(i) + seed) for i = 1.. */
    private static byte[] pHash(HashAlgorithm hash, byte[] secret, byte[] seed, int length) {
        return Hmac.with(hash, secret, mac -> {
            byte[] out = new byte[length];
            byte[] a = seed;
            int written = 0;
            while (written < length) {
                a = mac.doFinal(a);
                mac.update(a);
                mac.update(seed);
                byte[] block = mac.doFinal();
                int n = Math.min(block.length, length - written);
                System.arraycopy(block, 0, out, written, n);
                written += n;
            }
            return out;
        });
    }
}
