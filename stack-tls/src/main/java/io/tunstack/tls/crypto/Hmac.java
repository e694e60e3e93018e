package io.tunstack.tls.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC (RFC 2104) over one of the TLS hash functions. */
public final class Hmac {

    private Hmac() {
    }

    /**
     * HMAC of the concatenation of {@code parts} under {@code key}.
     *
     * <p>An empty key is legal in HMAC (HKDF-Extract uses one when the salt is absent) but the JCA
     * refuses empty key material. HMAC pads any key shorter than the block size with zeros, so an
     * empty key and a single zero byte give the same MAC; the latter is used instead.
     */
    public static byte[] mac(HashAlgorithm hash, byte[] key, byte[]... parts) {
        Mac mac = newMac(hash, key);
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /** An initialised JCA Mac, for callers that feed data incrementally. */
    public static Mac newMac(HashAlgorithm hash, byte[] key) {
        try {
            Mac mac = Mac.getInstance(hash.hmacName());
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, hash.hmacName()));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + hash.hmacName(), e);
        }
    }
}
