package io.tunstack.tls.record;

import java.util.Arrays;

/**
 * One received record as framed on the wire: the 5-byte header at {@code data[offset]} followed by the
 * (possibly protected) fragment of {@code fragmentLength} bytes. The deframer hands out views into the received
 * bytes or its own queue, valid until it is asked for the next record.
 */
public record TlsCiphertext(ContentType type, byte[] data, int offset, int fragmentLength) {

    /** A record held in its own array: {@code header} (5 bytes) and {@code fragment} joined. */
    public TlsCiphertext(ContentType type, byte[] header, byte[] fragment) {
        this(type, join(header, fragment), 0, fragment.length);
    }

    /** Offset of the fragment in {@link #data()}. */
    public int fragmentOffset() {
        return offset + RecordLimits.HEADER_LENGTH;
    }

    /** The fragment, unchanged, as content of the record's type (records that carry no protection). */
    public TlsPlaintext asPlaintext() {
        return new TlsPlaintext(type, data, fragmentOffset(), fragmentLength);
    }

    /** A copy of the fragment bytes. */
    public byte[] fragment() {
        return Arrays.copyOfRange(data, fragmentOffset(), fragmentOffset() + fragmentLength);
    }

    private static byte[] join(byte[] header, byte[] fragment) {
        if (header.length != RecordLimits.HEADER_LENGTH) {
            throw new IllegalArgumentException("record header must be 5 bytes");
        }
        byte[] record = Arrays.copyOf(header, RecordLimits.HEADER_LENGTH + fragment.length);
        System.arraycopy(fragment, 0, record, RecordLimits.HEADER_LENGTH, fragment.length);
        return record;
    }
}
