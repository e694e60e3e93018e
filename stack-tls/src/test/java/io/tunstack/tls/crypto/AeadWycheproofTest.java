package io.tunstack.tls.crypto;

import static io.tunstack.tls.crypto.Wycheproof.hex;
import static io.tunstack.tls.crypto.Wycheproof.integer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof AES-GCM and ChaCha20-Poly1305 through {@link Aead}. Only 96-bit nonces and the key sizes
 * of TLS suites (AES-128, AES-256) apply: TLS builds every nonce as 12 bytes (RFC 8446 §5.3,
 * RFC 5288 §3, RFC 7905 §2) and has no AES-192 suite; the other groups are skipped.
 */
class AeadWycheproofTest {

    private static boolean sealAndOpen(AeadAlgorithm algorithm, Map<String, Object> test) throws Exception {
        byte[] key = hex(test, "key");
        byte[] nonce = hex(test, "iv");
        byte[] aad = hex(test, "aad");
        byte[] msg = hex(test, "msg");
        byte[] expected = concat(hex(test, "ct"), hex(test, "tag"));
        Aead aead = algorithm.newAead(key);
        byte[] sealed = new byte[msg.length + AeadAlgorithm.TAG_LENGTH];
        aead.seal(nonce, aad, msg, 0, msg.length, sealed, 0);
        byte[] opened = new byte[expected.length];
        int n = aead.open(nonce, aad, expected, 0, expected.length, opened, 0);
        return Arrays.equals(sealed, expected) && Arrays.equals(Arrays.copyOf(opened, n), msg);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aesGcm() throws Exception {
        int run = Wycheproof.run("aes_gcm_test.json",
                g -> integer(g, "ivSize") == 96 && integer(g, "tagSize") == 128 && integer(g, "keySize") != 192,
                (g, t) -> sealAndOpen(integer(g, "keySize") == 128 ? AeadAlgorithm.AES_128_GCM : AeadAlgorithm.AES_256_GCM, t));
        assertEquals(true, run >= 60, "ran " + run);
    }

    @Test
    void chacha20Poly1305() throws Exception {
        int run = Wycheproof.run("chacha20_poly1305_test.json", g -> integer(g, "ivSize") == 96,
                (g, t) -> sealAndOpen(AeadAlgorithm.CHACHA20_POLY1305, t));
        assertEquals(true, run >= 200, "ran " + run);
    }

    @Test
    void inPlaceAndDirectBuffersAgreeWithArrays() throws Exception {
        for (AeadAlgorithm algorithm : AeadAlgorithm.values()) {
            Aead aead = algorithm.newAead(new byte[algorithm.keyLength()]);
            byte[] nonce = new byte[12];
            byte[] aad = {1, 2, 3};
            byte[] data = Arrays.copyOf("in place".getBytes(), 8 + AeadAlgorithm.TAG_LENGTH);
            byte[] plain = Arrays.copyOf(data, 8);
            aead.seal(nonce, aad, data, 0, 8, data, 0);
            ByteBuffer in = ByteBuffer.allocateDirect(data.length).put(data).flip();
            ByteBuffer out = ByteBuffer.allocateDirect(8);
            nonce = nonce.clone();
            assertEquals(8, aead.open(nonce, aad, in, out));
            byte[] roundTrip = new byte[8];
            out.flip().get(roundTrip);
            assertArrayEquals(plain, roundTrip);
            data[3] ^= 1;
            byte[] tampered = data;
            Aead fresh = algorithm.newAead(new byte[algorithm.keyLength()]);
            assertThrows(AEADBadTagException.class, () -> fresh.open(new byte[12], aad, tampered, 0, tampered.length, tampered, 0));
        }
    }
}
