package io.tunstack.cli.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A received HTTP/1.1 response: status line, header fields and the body as a stream framed per
 * RFC 9112 §6.3. {@link #read} enforces the header limits of {@link HeadReader}.
 */
public record HttpResponse(String version, int status, String reason, HttpHeaders headers, InputStream body) {

    /** Reads a response to a request with {@code method} from {@code in} (which should be buffered). */
    public static HttpResponse read(BufferedInputStream in, String method) throws IOException {
        String statusLine = HeadReader.startLine(in);
        if (statusLine == null) {
            throw new HttpFormatException("server closed the connection without a response");
        }
        // RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].matches("HTTP/1\\.[01]") || !parts[1].matches("[1-5]\\d\\d")) {
            throw new HttpFormatException("malformed status line: " + Token.printable(statusLine));
        }
        HttpHeaders headers = HeadReader.fields(in);
        int status = Integer.parseInt(parts[1]);
        return new HttpResponse(parts[0], status, parts.length == 3 ? parts[2] : "", headers,
                body(in, method, status, headers));
    }

    /** The status line as received, e.g. "HTTP/1.1 200 OK". */
    public String statusLine() {
        return version + " " + status + (reason.isEmpty() ? "" : " " + reason);
    }

    /** RFC 9112 §6.3: how the body's length is determined, in the order the RFC gives. */
    private static InputStream body(InputStream in, String method, int status, HttpHeaders headers)
            throws HttpFormatException {
        if (method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        if (!headers.all("Transfer-Encoding").isEmpty()) {
            // §6.3 item 4: chunked last means chunked framing; any other coding means read until close.
            return headers.lastTokenIs("Transfer-Encoding", "chunked") ? new ChunkedInputStream(in) : in;
        }
        Long length = contentLength(headers);
        return length == null ? in : new FixedLengthInputStream(in, length);
    }

    /** The Content-Length, or null; differing or malformed values are an error (§6.3 item 5). */
    static Long contentLength(HttpHeaders headers) throws HttpFormatException {
        Long length = null;
        for (String value : headers.all("Content-Length")) {
            for (String item : value.split(",")) {
                String digits = item.strip();
                if (!digits.matches("\\d{1,18}")) {
                    throw new HttpFormatException("bad Content-Length: " + Token.printable(value));
                }
                long parsed = Long.parseLong(digits);
                if (length != null && length != parsed) {
                    throw new HttpFormatException("conflicting Content-Length values");
                }
                length = parsed;
            }
        }
        return length;
    }
}
