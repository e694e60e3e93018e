package io.tunstack.tls.crypto;

import static io.tunstack.tls.crypto.Wycheproof.hex;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof X25519 and ECDH (uncompressed point encoding) through {@link KeyExchange}. Points that
 * are off the curve, malformed, compressed (TLS 1.3 allows only uncompressed, RFC 8446 §4.2.8.2) or
 * that give an all-zero X25519 result (RFC 8446 §7.4.2) are refused.
 */
class KeyExchangeWycheproofTest {

    @Test
    void x25519() throws Exception {
        Wycheproof.run("x25519_test.json", Wycheproof.allGroups(), (g, t) -> Arrays.equals(hex(t, "shared"),
                X25519KeyExchange.fromPrivateKey(hex(t, "private")).sharedSecret(hex(t, "public"))));
    }

    @Test
    void ecdhSecp256r1() throws Exception {
        ecdh("ecdh_secp256r1_ecpoint_test.json", NamedGroup.SECP256R1);
    }

    @Test
    void ecdhSecp384r1() throws Exception {
        ecdh("ecdh_secp384r1_ecpoint_test.json", NamedGroup.SECP384R1);
    }

    private static void ecdh(String file, NamedGroup group) throws Exception {
        Wycheproof.run(file, Wycheproof.allGroups(), (g, t) -> Arrays.equals(hex(t, "shared"),
                EcdhKeyExchange.fromPrivateKey(group, new BigInteger(1, hex(t, "private"))).sharedSecret(hex(t, "public"))));
    }

    @Test
    void generatedPairsAgree() throws Exception {
        SecureRandom random = new SecureRandom();
        for (NamedGroup group : NamedGroup.values()) {
            KeyExchange a = group.generate(random);
            KeyExchange b = group.generate(random);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.sharedSecret(b.publicKey()), b.sharedSecret(a.publicKey()));
            assertNotEquals(0, a.publicKey().length);
        }
    }

    @Test
    void compressedAndTruncatedPointsAreRefused() {
        KeyExchange p256 = NamedGroup.SECP256R1.generate(new SecureRandom());
        byte[] point = p256.publicKey();
        byte[] compressed = Arrays.copyOf(point, 33);
        compressed[0] = (byte) (2 + (point[64] & 1));
        assertThrows(InvalidKeyException.class, () -> p256.sharedSecret(compressed));
        assertThrows(InvalidKeyException.class, () -> p256.sharedSecret(Arrays.copyOf(point, 64)));
        assertThrows(InvalidKeyException.class, () -> NamedGroup.X25519.generate(new SecureRandom()).sharedSecret(new byte[31]));
    }
}
