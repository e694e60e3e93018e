package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.crypto.HashAlgorithm;
import io.tunstack.tls.record.AlertDescription;
import java.security.MessageDigest;

/** The TLS 1.3 Finished message (RFC 8446 §4.4.4): verify_data = HMAC(finished_key, Transcript-Hash). */
final class Finished {

    private Finished() {
    }

    /** Our Finished under {@code baseKey} (our handshake traffic secret) over the transcript so far. */
    static HandshakeMessage create(HashAlgorithm hash, byte[] baseKey, byte[] transcriptHash) {
        return HandshakeMessage.of(HandshakeType.FINISHED, KeySchedule.finishedVerifyData(hash, baseKey, transcriptHash));
    }

    /**
     * Checks the peer's Finished under its handshake traffic secret {@code baseKey}; a wrong length is
     * decode_error, a wrong value decrypt_error (RFC 8446 §4.4.4, §6.2).
     */
    static void verify(HashAlgorithm hash, byte[] baseKey, byte[] transcriptHash, HandshakeMessage message) throws TlsException {
        ByteReader body = message.body();
        byte[] verifyData = body.bytes(hash.length());
        body.expectEnd("Finished");
        if (!MessageDigest.isEqual(KeySchedule.finishedVerifyData(hash, baseKey, transcriptHash), verifyData)) {
            throw new TlsException(AlertDescription.DECRYPT_ERROR, "peer Finished does not verify");
        }
    }
}
