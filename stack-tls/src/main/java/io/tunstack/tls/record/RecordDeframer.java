package io.tunstack.tls.record;

import io.tunstack.tls.TlsException;
import java.nio.ByteBuffer;

/**
 * Splits received bytes into records by their 5-byte headers (RFC 8446 §5.1) and enforces length limits. Complete
 * records in a heap buffer are framed where they lie, without a copy; only a record split across reads (and the
 * bytes of a direct buffer) is gathered in the deframer's own queue.
 */
public final class RecordDeframer {

    private final ByteQueue pending = new ByteQueue();

    /** Keeps all of {@code received} for later {@link #next} calls. */
    public void append(ByteBuffer received) {
        pending.append(received);
    }

    /** The next complete record from the bytes already appended, or null if more bytes are needed. */
    public TlsCiphertext next(int maxFragmentLength) throws TlsException {
        TlsCiphertext record = frame(pending.array(), pending.head(), pending.size(), maxFragmentLength);
        if (record != null) {
            pending.skip(RecordLimits.HEADER_LENGTH + record.fragmentLength());
        }
        return record;
    }

    /**
     * The next complete record from the bytes kept so far followed by {@code received}, or null if more bytes are
     * needed; {@code received} then has been consumed entirely. The record is a view into {@code received}'s array
     * or into the deframer's queue, valid until the next call (and as long as the caller leaves that array alone).
     *
     * @param maxFragmentLength the limit of the current read protection; longer records are record_overflow
     */
    public TlsCiphertext next(ByteBuffer received, int maxFragmentLength) throws TlsException {
        if (pending.isEmpty() && received.hasArray()) {
            int position = received.position();
            TlsCiphertext record = frame(received.array(), received.arrayOffset() + position, received.remaining(), maxFragmentLength);
            if (record != null) {
                received.position(position + RecordLimits.HEADER_LENGTH + record.fragmentLength());
                return record;
            }
        }
        if (received.hasArray()) {
            gatherSplitRecord(received, maxFragmentLength);
        } else {
            pending.append(received);
        }
        return next(maxFragmentLength);
    }

    /** Moves from {@code received} into the queue only what the queued (partial) record still lacks. */
    private void gatherSplitRecord(ByteBuffer received, int maxFragmentLength) throws TlsException {
        move(received, RecordLimits.HEADER_LENGTH - pending.size());
        if (pending.size() >= RecordLimits.HEADER_LENGTH) {
            int length = RecordLimits.HEADER_LENGTH + fragmentLength(pending.array(), pending.head(), maxFragmentLength);
            move(received, length - pending.size());
        }
    }

    private void move(ByteBuffer received, int n) {
        if (n <= 0) {
            return;
        }
        int limit = received.limit();
        received.limit(received.position() + Math.min(n, received.remaining()));
        pending.append(received);
        received.limit(limit);
    }

    /** The record at {@code data[at]} if all its {@code available} bytes are there, else null. */
    private static TlsCiphertext frame(byte[] data, int at, int available, int maxFragmentLength) throws TlsException {
        if (available < RecordLimits.HEADER_LENGTH) {
            return null;
        }
        int length = fragmentLength(data, at, maxFragmentLength);
        if (available < RecordLimits.HEADER_LENGTH + length) {
            return null;
        }
        return new TlsCiphertext(ContentType.fromCode(data[at] & 0xff), data, at, length);
    }

    /** Checks the header at {@code data[at]} and returns the fragment length it announces. */
    private static int fragmentLength(byte[] data, int at, int maxFragmentLength) throws TlsException {
        int type = data[at] & 0xff;
        if (ContentType.fromCode(type) == null) {
            throw new TlsException(AlertDescription.UNEXPECTED_MESSAGE, "unknown record content type " + type);
        }
        int major = data[at + 1] & 0xff;
        if (major != 0x03) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "not a TLS record (version major " + major + ")");
        }
        int length = ((data[at + 3] & 0xff) << 8) | (data[at + 4] & 0xff);
        if (length > maxFragmentLength) {
            throw new TlsException(AlertDescription.RECORD_OVERFLOW,
                    "record of " + length + " bytes exceeds the limit of " + maxFragmentLength);
        }
        return length;
    }
}
