package io.tunstack.interop;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The status line and header fields of an HTTP/1.x response (RFC 9112 §2.1), read off a stream up to the body. */
record HttpResponseHead(String statusLine, Map<String, String> headers) {
    private static final int MAX_HEAD = 64 * 1024;

    /** Reads up to and including the empty line that ends the head; the stream is left at the body. */
    static HttpResponseHead read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("response ended inside its head: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (head.size() > MAX_HEAD) {
                throw new IOException("response head longer than " + MAX_HEAD + " bytes");
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header field: " + lines[i]);
            }
            // RFC 9110 §5.1: field names are case-insensitive.
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        return new HttpResponseHead(lines[0], headers);
    }

    /** The numeric status code from the status line. */
    int status() {
        String[] parts = statusLine.split(" ", 3);
        return Integer.parseInt(parts[1]);
    }

    /** The Content-Length header field's value; fails when the response has none. */
    long contentLength() throws IOException {
        String value = headers.get("content-length");
        if (value == null) {
            throw new IOException("response has no Content-Length: " + this);
        }
        return Long.parseLong(value);
    }
}
