package io.tunstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.core.lab.LabNamespace;
import io.tunstack.testing.RootRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunstack listen --http} serving kernel clients in a lab namespace (root; CI). */
class ListenCommandTest {
    /** Sends one raw request per argument from inside the namespace; prints each status line and body length. */
    private static final String CLIENT = String.join("\n",
            "import socket, sys, time",
            "def req(path):",
            "    for _ in range(100):",
            "        try:",
            "            s = socket.create_connection(('198.18.0.2', 8080), timeout=10); break",
            "        except OSError: time.sleep(0.1)",
            "    s.sendall(('GET ' + path + ' HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n').encode())",
            "    data = b''",
            "    while True:",
            "        d = s.recv(65536)",
            "        if not d: break",
            "        data += d",
            "    s.close()",
            "    head, body = data.split(b'\\r\\n\\r\\n', 1)",
            "    print(head.split(b'\\r\\n')[0].decode(), len(body))",
            "for p in sys.argv[1:]: req(p)");

    @Test
    void servesFilesToConcurrentClientsAndRefusesTraversal(@TempDir Path dir) throws Exception {
        RootRequirement.check();
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello from tunstack listen\n");
        Files.writeString(dir.resolve("secret.txt"), "do not serve\n");
        try (LabNamespace lab = LabNamespace.createFresh(1500)) {
            CompletableFuture<CliRun> listen = CompletableFuture.supplyAsync(() -> CliRun.run("listen", "--netns",
                    lab.netns(), "--port", "8080", "--http", www.toString(), "--max-conns", "3", "--seconds", "60"));
            LabNamespace.CommandResult client = lab.exec(60, "python3", "-c", CLIENT, "/hello.txt", "/../secret.txt",
                    "/%2e%2e/secret.txt");
            CliRun run = listen.get(90, TimeUnit.SECONDS);
            assertEquals(0, client.exitCode(), client.output());
            assertEquals("HTTP/1.1 200 OK 27\nHTTP/1.1 404 Not Found 14\nHTTP/1.1 404 Not Found 14\n", client.output());
            assertEquals(0, run.exitCode(), run.toString());
            String[] lines = run.stdout().strip().split("\n");
            assertTrue(lines[0].startsWith("listening on 198.18.0.2:8080 in netns " + lab.netns()), run.stdout());
            assertEquals(4, lines.length, run.stdout());
            for (int i = 1; i < lines.length; i++) {
                assertTrue(lines[i].matches("198\\.18\\.0\\.1:\\d+  in \\d+ bytes  out \\d+ bytes  [0-9.]+ ms  closed"),
                        lines[i]);
            }
        }
    }
}
