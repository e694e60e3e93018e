package io.tunstack.tls.handshake;

import io.tunstack.tls.crypto.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;

/**
 * The running handshake transcript hash. Messages sent before the cipher suite (and so the hash) is
 * known are buffered, then hashed once {@link #selectHash} is called; they stay buffered afterwards
 * only if asked for (the TLS 1.2 client CertificateVerify signs the messages themselves).
 */
public final class Transcript {

    private ByteArrayOutputStream buffered = new ByteArrayOutputStream();
    private HashAlgorithm hash;
    private MessageDigest digest;

    public void add(HandshakeMessage message) {
        add(message.encoded());
    }

    public void add(byte[] encodedMessage) {
        if (digest != null) {
            digest.update(encodedMessage);
        }
        if (buffered != null) {
            buffered.write(encodedMessage, 0, encodedMessage.length);
        }
    }

    public void selectHash(HashAlgorithm algorithm) {
        selectHash(algorithm, false);
    }

    /** @param keepMessages whether {@link #messages()} will be needed */
    public void selectHash(HashAlgorithm algorithm, boolean keepMessages) {
        if (hash != null) {
            throw new IllegalStateException("transcript hash already selected");
        }
        hash = algorithm;
        digest = algorithm.newDigest();
        digest.update(buffered.toByteArray());
        if (!keepMessages) {
            buffered = null;
        }
    }

    /** All messages added so far, concatenated (RFC 5246 §7.4.8); only if {@link #selectHash} was told to keep them. */
    public byte[] messages() {
        if (buffered == null) {
            throw new IllegalStateException("handshake messages were not kept");
        }
        return buffered.toByteArray();
    }

    /** Transcript-Hash of everything added so far. */
    public byte[] currentHash() {
        try {
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("JDK digest not cloneable", e);
        }
    }

    /** Transcript-Hash of everything added so far followed by {@code more}, which is not added (a PSK binder's truncated ClientHello). */
    public byte[] hashWith(byte[] more) {
        try {
            MessageDigest copy = (MessageDigest) digest.clone();
            copy.update(more);
            return copy.digest();
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
