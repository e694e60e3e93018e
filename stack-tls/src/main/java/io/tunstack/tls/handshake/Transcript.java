package io.tunstack.tls.handshake;

import io.tunstack.tls.crypto.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;

/**
 * The running handshake transcript hash. Messages sent before the cipher suite (and so the hash) is
 * known are buffered, then hashed once {@link #selectHash(HashAlgorithm)} is called.
 */
public final class Transcript {

    private ByteArrayOutputStream buffered = new ByteArrayOutputStream();
    private HashAlgorithm hash;
    private MessageDigest digest;

    public void add(HandshakeMessage message) {
        add(message.encoded());
    }

    public void add(byte[] encodedMessage) {
        if (digest == null) {
            buffered.write(encodedMessage, 0, encodedMessage.length);
        } else {
            digest.update(encodedMessage);
        }
    }

    public void selectHash(HashAlgorithm algorithm) {
        if (hash != null) {
            throw new IllegalStateException("transcript hash already selected");
        }
        hash = algorithm;
        digest = algorithm.newDigest();
        digest.update(buffered.toByteArray());
        buffered = null;
    }

    /** Transcript-Hash of everything added so far. */
    public byte[] currentHash() {
        try {
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("JDK digest not cloneable", e);
        }
    }

    /**
     * RFC 8446 §4.4.1: after a HelloRetryRequest, ClientHello1 is replaced by the synthetic message
     * message_hash(254) 00 00 Hash.length Hash(ClientHello1). Called with only ClientHello1 added.
     */
    public void replaceWithMessageHash() {
        byte[] clientHello1Hash = currentHash();
        digest.reset();
        digest.update(new byte[] {(byte) HandshakeType.MESSAGE_HASH.code(), 0, 0, (byte) hash.length()});
        digest.update(clientHello1Hash);
    }
}
