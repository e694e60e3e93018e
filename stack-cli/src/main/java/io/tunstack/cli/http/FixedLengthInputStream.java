package io.tunstack.cli.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Exactly {@code length} bytes of a body framed by Content-Length; an early end is a truncation error. */
final class FixedLengthInputStream extends InputStream {
    private final InputStream in;
    private long left;

    FixedLengthInputStream(InputStream in, long length) {
        this.in = in;
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("connection closed with " + left + " bytes of the body missing");
        }
        left -= n;
        return n;
    }
}
