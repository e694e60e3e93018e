package io.tunstack.tls.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC (RFC 2104) over one of the TLS hash functions. */
public final class Hmac {
    /**
     * Each thread's spare {@link Mac} per hash algorithm, initialised again with each key: {@code Mac.getInstance}
     * looks the provider up every time (about 2 % of a TLS 1.3 handshake's CPU for its dozens of HKDF steps). A
     * borrowed Mac leaves the slot empty, so a nested use on the same thread gets a fresh one.
     */
    private static final ThreadLocal<Mac[]> SPARES = ThreadLocal.withInitial(() -> new Mac[HashAlgorithm.values().length]);

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
        return with(hash, key, mac -> {
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        });
    }

    /** What a computation does with a Mac keyed for it. */
    @FunctionalInterface
    interface MacUse {
        byte[] apply(Mac mac);
    }

    /** Runs {@code use} with a Mac initialised with {@code key}: the thread's spare when it has one. */
    static byte[] with(HashAlgorithm hash, byte[] key, MacUse use) {
        Mac[] spares = SPARES.get();
        Mac mac = spares[hash.ordinal()];
        spares[hash.ordinal()] = null;
        try {
            if (mac == null) {
                mac = Mac.getInstance(hash.hmacName());
            }
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, hash.hmacName()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + hash.hmacName(), e);
        }
        try {
            return use.apply(mac);
        } finally {
            spares[hash.ordinal()] = mac;
        }
    }
}
