package io.tunstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.core.lab.LabNamespace;
import io.tunstack.testing.RootRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunstack listen} in each mode, serving kernel clients in a lab namespace (root; CI). */
class ListenCommandTest {
    /** Connects to tunstack from inside the namespace, retrying until {@code listen} is up. */
    private static final String CONNECT = String.join("\n",
            "import socket, sys, threading, time",
            "def connect():",
            "    for _ in range(100):",
            "        try: return socket.create_connection(('198.18.0.2', 8080), timeout=30)",
            "        except OSError: time.sleep(0.1)",
            "    raise SystemExit('tunstack never accepted')",
            "def read_all(s):",
            "    data = b''",
            "    while True:",
            "        d = s.recv(65536)",
            "        if not d: return data",
            "        data += d",
            "");

    /** Sends one raw request per argument; prints each status line and body length. */
    private static final String HTTP_CLIENT = CONNECT + String.join("\n",
            "for path in sys.argv[1:]:",
            "    s = connect()",
            "    s.sendall(('GET ' + path + ' HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n').encode())",
            "    head, body = read_all(s).split(b'\\r\\n\\r\\n', 1)",
            "    s.close()",
            "    print(head.split(b'\\r\\n')[0].decode(), len(body))");

    /**
     * One connection per argument N: sends N patterned bytes (from a second thread, so an echo cannot
     * deadlock), then FIN, reads to EOF; prints how much came back and whether it is a prefix of what was sent.
     */
    private static final String STREAM_CLIENT = CONNECT + String.join("\n",
            "for n in map(int, sys.argv[1:]):",
            "    data = bytes(i * 7 % 251 for i in range(n))",
            "    s = connect()",
            "    def send(): s.sendall(data); s.shutdown(socket.SHUT_WR)",
            "    t = threading.Thread(target=send); t.start()",
            "    got = read_all(s); t.join(); s.close()",
            "    print('sent', n, 'received', len(got), 'matching' if data.startswith(got) else 'different')");

    /**
     * One TLS connection per argument VERSION:PATH (VERSION 1.2 or 1.3), trusting the certificate at CAFILE for
     * 198.18.0.2: GET PATH, read until the server's close_notify (Python raises on a bare FIN); prints the version,
     * status line and body length.
     */
    private static final String TLS_HTTP_CLIENT = CONNECT + String.join("\n",
            "import ssl",
            "for arg in sys.argv[1:]:",
            "    version, path = arg.split(':', 1)",
            "    ctx = ssl.create_default_context(cafile='CAFILE')",
            "    ctx.maximum_version = ssl.TLSVersion.TLSv1_2 if version == '1.2' else ssl.TLSVersion.TLSv1_3",
            "    s = ctx.wrap_socket(connect(), server_hostname='198.18.0.2', suppress_ragged_eofs=False)",
            "    s.sendall(('GET ' + path + ' HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n').encode())",
            "    head, body = read_all(s).split(b'\\r\\n\\r\\n', 1)",
            "    print(s.version(), head.split(b'\\r\\n')[0].decode(), len(body))",
            "    s.close()");

    private static final Pattern CONNECTION_LINE =
            Pattern.compile("198\\.18\\.0\\.1:\\d+  in (\\d+) bytes  out (\\d+) bytes  [0-9.]+ ms  closed");

    @Test
    void servesFilesToConcurrentClientsAndRefusesTraversal(@TempDir Path dir) throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello from tunstack listen\n");
        Files.writeString(dir.resolve("secret.txt"), "do not serve\n");
        List<String> lines = serve(List.of("--http", www.toString()), HTTP_CLIENT,
                List.of("/hello.txt", "/../secret.txt", "/%2e%2e/secret.txt"),
                "HTTP/1.1 200 OK 27\nHTTP/1.1 404 Not Found 14\nHTTP/1.1 404 Not Found 14\n");
        for (String line : lines) {
            assertTrue(CONNECTION_LINE.matcher(line).matches(), line);
        }
    }

    @Test
    void servesFilesOverTls(@TempDir Path dir) throws Exception {
        RootRequirement.check();
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello from tunstack listen\n");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-days", "1", "-subj", "/CN=198.18.0.2", "-addext", "subjectAltName=IP:198.18.0.2",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String made = new String(openssl.getInputStream().readAllBytes());
        assertEquals(0, openssl.waitFor(), made);
        List<String> lines = serve(List.of("--http", www.toString(), "--tls-cert", cert.toString(), "--tls-key", key.toString()),
                TLS_HTTP_CLIENT.replace("CAFILE", cert.toString()), List.of("1.3:/hello.txt", "1.2:/missing.txt"),
                "TLSv1.3 HTTP/1.1 200 OK 27\nTLSv1.2 HTTP/1.1 404 Not Found 14\n");
        assertEquals(2, lines.stream().filter(l -> l.matches("198\\.18\\.0\\.1:\\d+  in \\d+ bytes  out \\d+ bytes  [0-9.]+ ms  closed  "
                + "TLSv1\\.[23] TLS_\\w+")).count(), String.join("\n", lines));
    }

    @Test
    void echoSendsBackEveryByteAndCountsBothWays() throws Exception {
        // More than the send buffer holds: when the client's FIN arrives, part of the echo is still queued as the
        // worker closes its socket and listen exits, so the host has to linger until it is delivered.
        List<String> lines = serve(List.of("--echo"), STREAM_CLIENT, List.of("1", "1000000"),
                "sent 1 received 1 matching\nsent 1000000 received 1000000 matching\n");
        assertEquals(List.of("1/1", "1000000/1000000"), counts(lines));
    }

    @Test
    void discardReadsEverythingAndSendsNothing() throws Exception {
        List<String> lines = serve(List.of("--discard"), STREAM_CLIENT, List.of("300000"),
                "sent 300000 received 0 matching\n");
        assertEquals(List.of("300000/0"), counts(lines));
    }

    @Test
    void echoWorksWithOffloads() throws Exception {
        List<String> lines = serve(List.of("--echo", "--offload"), STREAM_CLIENT, List.of("3000000"),
                "sent 3000000 received 3000000 matching\n");
        assertEquals(List.of("3000000/3000000"), counts(lines));
    }

    /**
     * Runs {@code listen MODE} for one connection per client argument, runs the Python {@code client} in the
     * namespace, checks its output and the listening line, and returns the per-connection lines.
     */
    private static List<String> serve(List<String> mode, String client, List<String> clientArgs, String clientOutput)
            throws Exception {
        RootRequirement.check();
        try (LabNamespace lab = LabNamespace.createFresh(1500)) {
            List<String> args = new ArrayList<>(List.of("listen", "--netns", lab.netns(), "--port", "8080",
                    "--max-conns", Integer.toString(clientArgs.size()), "--seconds", "60"));
            args.addAll(mode);
            CompletableFuture<CliRun> listen = CompletableFuture.supplyAsync(() -> CliRun.run(args.toArray(String[]::new)));
            List<String> command = new ArrayList<>(List.of("python3", "-c", client));
            command.addAll(clientArgs);
            LabNamespace.CommandResult result = lab.exec(60, command.toArray(String[]::new));
            CliRun run = listen.get(90, TimeUnit.SECONDS);
            assertEquals(0, result.exitCode(), result.output());
            assertEquals(clientOutput, result.output());
            assertEquals(0, run.exitCode(), run.toString());
            List<String> lines = run.stdout().strip().lines().toList();
            assertTrue(lines.get(0).startsWith("listening on 198.18.0.2:8080 in netns " + lab.netns()), run.stdout());
            assertEquals(clientArgs.size() + 1, lines.size(), run.stdout());
            return lines.subList(1, lines.size());
        }
    }

    /** "in/out" byte counts of per-connection lines, sorted (connections may finish in any order). */
    private static List<String> counts(List<String> lines) {
        return lines.stream().map(line -> {
            Matcher m = CONNECTION_LINE.matcher(line);
            assertTrue(m.matches(), line);
            return m.group(1) + "/" + m.group(2);
        }).sorted(Comparator.comparingLong(s -> Long.parseLong(s.split("/")[0]))).toList();
    }
}
