package io.tunstack.tls.record;

import io.tunstack.tls.TlsException;

/**
 * Rebuilds handshake messages from handshake record contents: one message may span several records
 * and one record may carry several messages (RFC 8446 §5.1).
 */
public final class HandshakeReassembler {

    /** Largest handshake body accepted; generous for certificate chains, small enough to bound memory. */
    public static final int MAX_MESSAGE_LENGTH = 1 << 17;
    private static final int MESSAGE_HEADER_LENGTH = 4;

    private final ByteQueue pending = new ByteQueue();

    public void append(byte[] data, int off, int len) {
        pending.append(data, off, len);
    }

    /** True if part of a message has been received; such bytes must not span a key change. */
    public boolean hasPartialData() {
        return !pending.isEmpty();
    }

    /** The next complete message including its 4-byte header (type, uint24 length), or null. */
    public byte[] next() throws TlsException {
        if (pending.size() < MESSAGE_HEADER_LENGTH) {
            return null;
        }
        int length = (pending.peekUnsigned(1) << 16) | (pending.peekUnsigned(2) << 8) | pending.peekUnsigned(3);
        if (length > MAX_MESSAGE_LENGTH) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "handshake message of " + length + " bytes is too large");
        }
        if (pending.size() < MESSAGE_HEADER_LENGTH + length) {
            return null;
        }
        return pending.take(MESSAGE_HEADER_LENGTH + length);
    }
}
