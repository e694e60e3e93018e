package io.tunstack.tls.record;

import io.tunstack.tls.TlsException;
import java.nio.ByteBuffer;

/** Splits received bytes into records by their 5-byte headers (RFC 8446 §5.1) and enforces length limits. */
public final class RecordDeframer {

    private final ByteQueue buffer = new ByteQueue();

    public void append(ByteBuffer received) {
        buffer.append(received);
    }

    /**
     * The next complete record, or null if more bytes are needed. The record is a view into the receive queue,
     * valid until the next {@link #append}.
     *
     * @param maxFragmentLength the limit of the current read protection; longer records are record_overflow
     */
    public TlsCiphertext next(int maxFragmentLength) throws TlsException {
        if (buffer.size() < RecordLimits.HEADER_LENGTH) {
            return null;
        }
        ContentType type = ContentType.fromCode(buffer.peekUnsigned(0));
        if (type == null) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "unknown record content type " + buffer.peekUnsigned(0));
        }
        if (buffer.peekUnsigned(1) != 0x03) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "not a TLS record (version major " + buffer.peekUnsigned(1) + ")");
        }
        int length = (buffer.peekUnsigned(3) << 8) | buffer.peekUnsigned(4);
        if (length > maxFragmentLength) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW,
                    "record of " + length + " bytes exceeds the limit of " + maxFragmentLength);
        }
        if (buffer.size() < RecordLimits.HEADER_LENGTH + length) {
            return null;
        }
        return new TlsCiphertext(type, buffer.array(), buffer.consume(RecordLimits.HEADER_LENGTH + length), length);
    }
}
