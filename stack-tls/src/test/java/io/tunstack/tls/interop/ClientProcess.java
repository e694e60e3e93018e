package io.tunstack.tls.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line TLS client (openssl s_client, gnutls-cli) run against a local server: it types one
 * line, waits until the server's answer appears on its output, then closes its input.
 */
final class ClientProcess {

    private ClientProcess() {
    }

    /** Skips the calling test when {@code tool} is not on the PATH. */
    static void assumeInstalled(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= new File(dir, tool).canExecute();
        }
        assumeTrue(found, "skipped: " + tool + " is not installed");
    }

    /** Runs {@code command}, types {@code line}, and returns all it printed (stdout and stderr) once {@code expected} showed up or it ended. */
    static String converse(List<String> command, String line, String expected) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> copy(process.getInputStream(), output), "client-output");
        reader.setDaemon(true);
        reader.start();
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!output.toString().contains(expected) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(5_000);
            return output.toString();
        } finally {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void copy(InputStream in, StringBuffer output) {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                output.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
