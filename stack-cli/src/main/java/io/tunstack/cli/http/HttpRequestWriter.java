package io.tunstack.cli.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a body-less HTTP/1.1 request (RFC 9112 §3): one connection per request, so Connection: close. */
public final class HttpRequestWriter {
    public static final String USER_AGENT = "tunstack/0.1";

    private HttpRequestWriter() {
    }

    /**
     * Writes {@code method target HTTP/1.1} with Host (RFC 9112 §3.2: required, with the port unless it is
     * the scheme's default), User-Agent, Accept and Connection: close.
     */
    public static void write(OutputStream out, String method, String target, String hostHeader) throws IOException {
        if (!Token.isToken(method) || target.isEmpty() || target.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new IllegalArgumentException("cannot send request " + method + " " + target);
        }
        String request = method + " " + target + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Accept: */*\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
