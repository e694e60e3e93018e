package io.tunstack.interop;

import io.tunstack.core.lab.LabNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * nginx serving a folder over HTTPS on the namespace's gateway address, from a minimal configuration
 * written into its own folder. One process ({@code master_process off}), so killing it leaves no
 * workers behind. Its access log records what TLS it negotiated for each request.
 */
final class NginxServer implements AutoCloseable {
    private static final String LOG_SEPARATOR = "|";

    private final NamespaceProcess process;
    private final Path accessLog;

    /** One access log line: the server's view of a request. */
    record AccessLogEntry(String request, int status, long bodyBytes, String protocol, String cipher) {
        static AccessLogEntry parse(String line) {
            String[] f = line.split("\\" + LOG_SEPARATOR, -1);
            if (f.length != 5) {
                throw new IllegalArgumentException("unexpected access log line: " + line);
            }
            return new AccessLogEntry(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), f[3], f[4]);
        }
    }

    private NginxServer(NamespaceProcess process, Path accessLog) {
        this.process = process;
        this.accessLog = accessLog;
    }

    /** Writes the configuration into {@code dir} and starts nginx serving {@code root}; returns once it listens. */
    static NginxServer start(LabNamespace lab, Path dir, int port, InteropPki.ServerKey key, Path root) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("nginx.conf");
        Path accessLog = dir.resolve("access.log");
        String format = String.join(LOG_SEPARATOR, "$request", "$status", "$body_bytes_sent", "$ssl_protocol", "$ssl_cipher");
        Files.writeString(conf, """
                daemon off;
                master_process off;
                pid %s;
                error_log stderr info;
                events { worker_connections 16; }
                http {
                    log_format tls '%s';
                    access_log %s tls;
                    default_type application/octet-stream;
                    server {
                        listen %s:%d ssl;
                        ssl_certificate %s;
                        ssl_certificate_key %s;
                        ssl_protocols TLSv1.2 TLSv1.3;
                        root %s;
                    }
                }
                """.formatted(dir.resolve("nginx.pid"), format, accessLog, InteropPki.GATEWAY_ADDRESS, port,
                key.cert(), key.key(), root), StandardCharsets.US_ASCII);
        // -e: log start-up errors to stderr rather than the packaged default path; -p: temp folders go under dir.
        NamespaceProcess process = NamespaceProcess.start(lab, "nginx", port,
                List.of("nginx", "-e", "stderr", "-p", dir + "/", "-c", conf.toString()));
        return new NginxServer(process, accessLog);
    }

    /** Waits until nginx has logged a finished request and returns the first entry. */
    AccessLogEntry awaitFirstRequest(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Files.exists(accessLog)) {
                List<String> lines = Files.readAllLines(accessLog, StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    return AccessLogEntry.parse(lines.get(0));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("nginx logged no request within " + timeout + "; its output:\n" + process.output());
            }
            Thread.sleep(20);
        }
    }

    /** What nginx printed (its error log). */
    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
