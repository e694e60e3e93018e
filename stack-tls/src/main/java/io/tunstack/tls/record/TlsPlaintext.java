package io.tunstack.tls.record;

import java.util.Arrays;

/** The unprotected content of one record: {@code data[offset, offset+length)} of the given type. */
public record TlsPlaintext(ContentType type, byte[] data, int offset, int length) {

    /** A copy of the content bytes. */
    public byte[] copy() {
        return Arrays.copyOfRange(data, offset, offset + length);
    }
}
