package io.tunstack.tls.crypto;

import java.nio.charset.StandardCharsets;

/** HKDF (RFC 5869) and the TLS 1.3 labelled forms HKDF-Expand-Label and Derive-Secret (RFC 8446 §7.1). */
public final class Hkdf {

    private static final byte[] LABEL_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);

    private Hkdf() {
    }

    /** HKDF-Extract(salt, IKM); an empty salt means HashLen zero bytes (RFC 5869 §2.2). */
    public static byte[] extract(HashAlgorithm hash, byte[] salt, byte[] ikm) {
        return Hmac.mac(hash, salt.length == 0 ? new byte[hash.length()] : salt, ikm);
    }

    /** HKDF-Expand(PRK, info, L); L is at most 255 * HashLen (RFC 5869 §2.3). */
    public static byte[] expand(HashAlgorithm hash, byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * hash.length()) {
            throw new IllegalArgumentException("HKDF output length out of range: " + length);
        }
        return Hmac.with(hash, prk, mac -> {
            byte[] out = new byte[length];
            byte[] block = new byte[0];
            int written = 0;
            for (int counter = 1; written < length; counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                int n = Math.min(block.length, length - written);
                System.arraycopy(block, 0, out, written, n);
                written += n;
            }
            return out;
        });
    }

    /**
     * HKDF-Expand-Label(Secret, Label, Context, Length) with the HkdfLabel structure of RFC 8446 §7.1:
     * uint16 length, opaque label&lt;7..255&gt; = "tls13 " + Label, opaque context&lt;0..255&gt;.
     */
    public static byte[] expandLabel(HashAlgorithm hash, byte[] secret, String label, byte[] context, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        int fullLabelLength = LABEL_PREFIX.length + labelBytes.length;
        if (fullLabelLength > 255 || context.length > 255) {
            throw new IllegalArgumentException("label or context too long");
        }
        byte[] info = new byte[2 + 1 + fullLabelLength + 1 + context.length];
        int i = 0;
        info[i++] = (byte) (length >>> 8);
        info[i++] = (byte) length;
        info[i++] = (byte) fullLabelLength;
        System.arraycopy(LABEL_PREFIX, 0, info, i, LABEL_PREFIX.length);
        i += LABEL_PREFIX.length;
        System.arraycopy(labelBytes, 0, info, i, labelBytes.length);
        i += labelBytes.length;
        info[i++] = (byte) context.length;
        System.arraycopy(context, 0, info, i, context.length);
        return expand(hash, secret, info, length);
    }

    /** Derive-Secret(Secret, Label, Messages) given the already computed Transcript-Hash(Messages). */
    public static byte[] deriveSecret(HashAlgorithm hash, byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(hash, secret, label, transcriptHash, hash.length());
    }
}
