package io.tunstack.tls.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An {@code openssl s_server} on a free 127.0.0.1 port, started for one test and killed afterwards. */
final class OpenSslServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final StringBuffer output = new StringBuffer();

    private OpenSslServer(Map<String, String> environment, List<String> arguments) throws IOException, InterruptedException {
        this.port = freePort();
        // stdbuf: s_server prints through stdio, which a pipe would otherwise block-buffer.
        List<String> command = new ArrayList<>(List.of("stdbuf", "-oL", "openssl", "s_server", "-accept", "127.0.0.1:" + port, "-naccept", "1"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        this.process = builder.start();
        CountDownLatch accepting = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith("ACCEPT")) {
                        accepting.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "openssl-output");
        reader.setDaemon(true);
        reader.start();
        if (!accepting.await(15, TimeUnit.SECONDS)) {
            close();
            throw new IOException("openssl s_server did not start: " + output);
        }
    }

    static OpenSslServer start(String... arguments) throws IOException, InterruptedException {
        return new OpenSslServer(Map.of(), List.of(arguments));
    }

    /** Starts with extra environment variables (e.g. OPENSSL_CONF). */
    static OpenSslServer startWithEnvironment(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        return new OpenSslServer(environment, List.of(arguments));
    }

    /** Types a line on the server's console: data to send, or a command such as "K" (KeyUpdate) or "r" (renegotiate). */
    void type(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().flush();
    }

    /** Waits until {@code text} has appeared {@code times} times in the server output. */
    void awaitOutput(String text, int times) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (occurrences(output(), text) < times) {
            if (System.nanoTime() > deadline) {
                throw new IOException("openssl never printed '" + text + "' " + times + " times: " + output());
            }
            Thread.sleep(20);
        }
    }

    private static int occurrences(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    int port() {
        return port;
    }

    String output() {
        return output.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
