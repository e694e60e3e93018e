package io.tunstack.tls.handshake;

import io.tunstack.tls.crypto.AeadAlgorithm;
import io.tunstack.tls.crypto.HashAlgorithm;
import io.tunstack.tls.crypto.Hkdf;
import io.tunstack.tls.record.Tls13RecordProtection;

/** A TLS 1.3 traffic key and IV derived from a traffic secret (RFC 8446 §7.3). */
public record TrafficKeys(byte[] key, byte[] iv) {

    public static TrafficKeys derive(HashAlgorithm hash, AeadAlgorithm aead, byte[] trafficSecret) {
        return new TrafficKeys(
                Hkdf.expandLabel(hash, trafficSecret, "key", new byte[0], aead.keyLength()),
                Hkdf.expandLabel(hash, trafficSecret, "iv", new byte[0], AeadAlgorithm.NONCE_LENGTH));
    }

    public static Tls13RecordProtection protection(HashAlgorithm hash, AeadAlgorithm aead, byte[] trafficSecret) {
        TrafficKeys keys = derive(hash, aead, trafficSecret);
        return new Tls13RecordProtection(aead, keys.key(), keys.iv());
    }
}
