package io.tunstack.cli.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves one HTTP/1.1 request for a static file under a root folder (GET and HEAD, RFC 9110 §9.3.1-2), then
 * the connection closes. Paths are decoded and normalized and must stay inside the root: "..", encoded or
 * not, cannot reach outside it (404).
 */
public final class StaticFileHandler {
    private final Path root;

    public StaticFileHandler(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    /** Reads one request from {@code in} and writes the response to {@code out}. */
    public void serve(InputStream in, OutputStream out) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        String requestLine;
        try {
            requestLine = HeadReader.startLine(buffered);
            if (requestLine == null) {
                return;
            }
            HeadReader.fields(buffered);
        } catch (HttpFormatException e) {
            respond(out, 400, "Bad Request", false);
            return;
        }
        // RFC 9112 §3: request-line = method SP request-target SP HTTP-version
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].matches("HTTP/1\\.[01]") || !parts[1].startsWith("/")) {
            respond(out, 400, "Bad Request", false);
            return;
        }
        boolean head = parts[0].equals("HEAD");
        if (!head && !parts[0].equals("GET")) {
            respond(out, 405, "Method Not Allowed", false);
            return;
        }
        Path file = resolve(parts[1]);
        if (file == null) {
            respond(out, 404, "Not Found", head);
            return;
        }
        String header = "HTTP/1.1 200 OK\r\nContent-Length: " + Files.size(file)
                + "\r\nContent-Type: " + contentType(file) + "\r\nConnection: close\r\n\r\n";
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        if (!head) {
            Files.copy(file, out);
        }
        out.flush();
    }

    /** The regular file the target names inside the root, or null. */
    private Path resolve(String target) {
        int query = target.indexOf('?');
        String path;
        try {
            path = URLDecoder.decode((query < 0 ? target : target.substring(0, query)).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (path.indexOf('\0') >= 0) {
            return null;
        }
        Path candidate = root.resolve(path.substring(1)).normalize();
        if (Files.isDirectory(candidate)) {
            candidate = candidate.resolve("index.html");
        }
        try {
            Path real = candidate.toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real) ? real : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".txt") ? "text/plain; charset=utf-8" : "application/octet-stream";
    }

    private static void respond(OutputStream out, int status, String reason, boolean head) throws IOException {
        byte[] body = (status + " " + reason + "\n").getBytes(StandardCharsets.US_ASCII);
        String header = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: " + body.length
                + "\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n";
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        if (!head) {
            out.write(body);
        }
        out.flush();
    }
}
