package io.tunstack.tls.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AEAD key (AES-GCM or ChaCha20-Poly1305, RFC 5116 interface) with explicit nonce and
 * additional data per call. The JCA Cipher of each direction is created on first use and re-initialised per
 * record; input and output may be the same array (the JCA ciphers are copy-safe). The JDK's
 * ChaCha20-Poly1305 refuses two consecutive initialisations with the same key and nonce, in either
 * direction; TLS never asks for that, as every record has its own nonce.
 */
public final class Aead {

    private final AeadAlgorithm algorithm;
    private final SecretKeySpec key;
    private final String transformation;
    /** Created on first use: a TLS record protection only ever seals or only ever opens with one key. */
    private Cipher sealer;
    private Cipher opener;
    /**
     * JDK 17's ChaCha20-Poly1305 decrypts in one pass only ciphertext at offset 0; at any other offset it buffers
     * the input and copies it again (about 35 KB allocated per 16 KiB record, measured on 17.0.15; 25.0.3 does
     * not). When true, {@link #open} first copies such input to offset 0 of {@link #openScratch}: one copy, no
     * allocation.
     */
    private final boolean openFromOffsetZero;
    private byte[] openScratch = new byte[0];
    /** Where {@link #open(byte[], byte[], byte[], int, int)} puts the plaintext. */
    private byte[] opened = new byte[0];

    Aead(AeadAlgorithm algorithm, byte[] key) {
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key");
        }
        this.algorithm = algorithm;
        boolean chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        this.openFromOffsetZero = chacha && Runtime.version().feature() < 25;
        this.key = new SecretKeySpec(key, chacha ? "ChaCha20" : "AES");
        this.transformation = chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
    }

    private Cipher sealer() throws GeneralSecurityException {
        if (sealer == null) {
            sealer = Cipher.getInstance(transformation);
        }
        return sealer;
    }

    private Cipher opener() throws GeneralSecurityException {
        if (opener == null) {
            opener = Cipher.getInstance(transformation);
        }
        return opener;
    }

    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Encrypts {@code in[inOff, inOff+inLen)} and appends the tag; writes inLen + 16 bytes at {@code out[outOff]}.
     *
     * @return the number of bytes written
     */
    public int seal(byte[] nonce, byte[] aad, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        try {
            Cipher sealer = init(sealer(), Cipher.ENCRYPT_MODE, nonce, aad);
            return sealer.doFinal(in, inOff, inLen, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD seal failed", e);
        }
    }

    /**
     * Encrypts {@code in[inOff, inOff+inLen) || suffix} without joining the two first, and appends the tag; writes
     * inLen + suffix.length + 16 bytes at {@code out[outOff]}.
     *
     * @return the number of bytes written
     */
    public int seal(byte[] nonce, byte[] aad, byte[] in, int inOff, int inLen, byte[] suffix, byte[] out, int outOff) {
        try {
            Cipher sealer = init(sealer(), Cipher.ENCRYPT_MODE, nonce, aad);
            int written = sealer.update(in, inOff, inLen, out, outOff);
            return written + sealer.doFinal(suffix, 0, suffix.length, out, outOff + written);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD seal failed", e);
        }
    }

    /** Encrypts the remaining bytes of {@code in} into {@code out}, which must have inLen + 16 bytes free. */
    public int seal(byte[] nonce, byte[] aad, ByteBuffer in, ByteBuffer out) {
        try {
            Cipher sealer = init(sealer(), Cipher.ENCRYPT_MODE, nonce, aad);
            return sealer.doFinal(in, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD seal failed", e);
        }
    }

    /**
     * Verifies and decrypts {@code in[inOff, inOff+inLen)} (ciphertext followed by the tag).
     *
     * @return the plaintext length (inLen - 16)
     * @throws AEADBadTagException if the tag does not verify or the input is shorter than a tag
     */
    public int open(byte[] nonce, byte[] aad, byte[] in, int inOff, int inLen, byte[] out, int outOff)
            throws AEADBadTagException {
        if (inLen < AeadAlgorithm.TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        if (inOff != 0 && openFromOffsetZero) {
            if (openScratch.length < inLen) {
                openScratch = new byte[inLen];
            }
            System.arraycopy(in, inOff, openScratch, 0, inLen);
            in = openScratch;
            inOff = 0;
        }
        try {
            Cipher opener = init(opener(), Cipher.DECRYPT_MODE, nonce, aad);
            return opener.doFinal(in, inOff, inLen, out, outOff);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD open failed", e);
        }
    }

    /**
     * Verifies and decrypts {@code in[inOff, inOff+inLen)} into this AEAD's own buffer, {@link #opened()}, at offset
     * 0, where it stays until the next call. Out of place on purpose: JDK 25's AES-GCM decrypts a distinct output
     * array in one pass (its combined AES-CTR + GHASH intrinsic) but an in-place one in two, about 1.45× slower
     * for 16 KiB on AVX2 (JDK 17 is as fast either way).
     *
     * @return the plaintext length (inLen - 16)
     * @throws AEADBadTagException if the tag does not verify or the input is shorter than a tag
     */
    public int open(byte[] nonce, byte[] aad, byte[] in, int inOff, int inLen) throws AEADBadTagException {
        int plaintextLength = inLen - AeadAlgorithm.TAG_LENGTH;
        if (opened.length < plaintextLength) {
            opened = new byte[plaintextLength];
        }
        return open(nonce, aad, in, inOff, inLen, opened, 0);
    }

    /** The buffer that {@link #open(byte[], byte[], byte[], int, int)} decrypts into (valid until the next call). */
    public byte[] opened() {
        return opened;
    }

    /** Verifies and decrypts the remaining bytes of {@code in} into {@code out}. */
    public int open(byte[] nonce, byte[] aad, ByteBuffer in, ByteBuffer out) throws AEADBadTagException {
        if (in.remaining() < AeadAlgorithm.TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        try {
            Cipher opener = init(opener(), Cipher.DECRYPT_MODE, nonce, aad);
            return opener.doFinal(in, out);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD open failed", e);
        }
    }

    /** @return {@code cipher}, initialised for one record */
    private Cipher init(Cipher cipher, int mode, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("AEAD nonce must be 12 bytes");
        }
        AlgorithmParameterSpec spec = algorithm == AeadAlgorithm.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(AeadAlgorithm.TAG_LENGTH * 8, nonce);
        cipher.init(mode, key, spec);
        cipher.updateAAD(aad);
        return cipher;
    }
}
