package io.tunstack.cli.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Decodes the chunked transfer coding (RFC 9112 §7.1); trailer fields are read and discarded. */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (left == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("connection closed in the middle of a chunk");
        }
        left -= n;
        if (left == 0) {
            expectCrlf();
        }
        return n;
    }

    /** Reads the next chunk-size line; false after the last chunk and its trailer section. */
    private boolean nextChunk() throws IOException {
        if (done) {
            return false;
        }
        String line = HeadReader.line(in, false);
        int semicolon = line.indexOf(';');
        String size = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (size.isEmpty() || size.length() > 15 || !size.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new HttpFormatException("bad chunk size line: " + Token.printable(line));
        }
        left = Long.parseLong(size, 16);
        if (left == 0) {
            done = true;
            HeadReader.fields(in);
            return false;
        }
        return true;
    }

    private void expectCrlf() throws IOException {
        if (!HeadReader.line(in, false).isEmpty()) {
            throw new HttpFormatException("chunk data not followed by CRLF");
        }
    }
}
