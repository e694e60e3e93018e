package io.tunstack.cli.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the start line and header fields of an HTTP/1.1 message (RFC 9112 §2.1) within limits, so a peer
 * cannot make us buffer without bound. Lines end in CRLF; a bare LF is accepted as RFC 9112 §2.2 allows.
 */
final class HeadReader {
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEAD = 64 * 1024;
    static final int MAX_FIELDS = 100;

    private HeadReader() {
    }

    /** The start line, or null if the stream ended cleanly before any byte of it. */
    static String startLine(InputStream in) throws IOException {
        return line(in, true);
    }

    /** The header fields up to the empty line. */
    static HttpHeaders fields(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        int total = 0;
        String line;
        while (!(line = line(in, false)).isEmpty()) {
            total += line.length();
            if (lines.size() == MAX_FIELDS || total > MAX_HEAD) {
                throw new HttpFormatException("header section too large (limit " + MAX_FIELDS + " fields, "
                        + MAX_HEAD + " bytes)");
            }
            lines.add(line);
        }
        return HttpHeaders.parse(lines);
    }

    /** One line without its terminator; ISO-8859-1 as RFC 9110 §5.5 treats field values. */
    static String line(InputStream in, boolean nullAtCleanEnd) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (nullAtCleanEnd && line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of the HTTP header");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() == MAX_LINE) {
                throw new HttpFormatException("header line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }
}
