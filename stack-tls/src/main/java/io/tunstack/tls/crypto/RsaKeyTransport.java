package io.tunstack.tls.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Cipher;

/**
 * RSAES-PKCS1-v1_5 encryption of the TLS 1.2 pre-master secret under the server certificate's key
 * (the static RSA key exchange, RFC 5246 §7.4.7.1).
 */
public final class RsaKeyTransport {

    private RsaKeyTransport() {
    }

    public static byte[] encrypt(RSAPublicKey key, byte[] preMasterSecret, SecureRandom random) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key, random);
            return cipher.doFinal(preMasterSecret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA encryption failed", e);
        }
    }
}
