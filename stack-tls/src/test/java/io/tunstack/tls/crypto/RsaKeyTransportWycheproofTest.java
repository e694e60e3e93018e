package io.tunstack.tls.crypto;

import static io.tunstack.tls.crypto.Wycheproof.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof RSAES-PKCS1-v1_5 (decryption vectors). The client only encrypts, so each vector checks
 * that the JDK provider behind {@link RsaKeyTransport} decrypts valid ciphertexts to the message and
 * rejects invalid ones, and that our encryption of the message round-trips under the same key.
 */
class RsaKeyTransportWycheproofTest {

    private static RSAPrivateCrtKey privateKey(Map<String, Object> group) throws Exception {
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(hex(group, "privateKeyPkcs8")));
    }

    @Test
    void decryptsValidAndRejectsInvalidAndOurEncryptionRoundTrips() throws Exception {
        Wycheproof.run("rsa_pkcs1_2048_test.json", Wycheproof.allGroups(), (g, t) -> {
            RSAPrivateCrtKey key = privateKey(g);
            Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.DECRYPT_MODE, key);
            byte[] message = hex(t, "msg");
            boolean decrypts = Arrays.equals(message, cipher.doFinal(hex(t, "ct")));
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            cipher.init(Cipher.DECRYPT_MODE, key);
            assertArrayEquals(message, cipher.doFinal(RsaKeyTransport.encrypt(publicKey, message, new SecureRandom())));
            return decrypts;
        });
    }
}
