package io.tunstack.interop;

import io.tunstack.core.lab.LabNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server program running inside a lab namespace: started, watched until its TCP port is listening,
 * its combined output collected, and killed on {@link #close()}. {@code ip netns exec} execs the
 * program itself, so killing the process kills the server.
 */
final class NamespaceProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private NamespaceProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(this::collectOutput, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command} in the namespace and returns once something listens on TCP {@code port} there.
     *
     * @param name the program's name for messages
     */
    static NamespaceProcess start(LabNamespace lab, String name, int port, List<String> command) throws IOException {
        NamespaceProcess server = new NamespaceProcess(name, lab.start(command.toArray(String[]::new)));
        try {
            server.awaitListening(lab, port);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void collectOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            output.append("[output ended: ").append(e.getMessage()).append("]\n");
        }
    }

    private void awaitListening(LabNamespace lab, int port) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited (" + process.exitValue() + ") before listening on port " + port
                        + ":\n" + output());
            }
            LabNamespace.CommandResult listening = lab.exec(5, "ss", "-Hltn", "sport = :" + port);
            if (listening.exitCode() == 0 && !listening.output().isBlank()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " is not listening on port " + port + " after " + START_TIMEOUT + ":\n" + output());
            }
            sleep(50);
        }
    }

    /** Everything the program printed so far (stdout and stderr). */
    String output() {
        return output.toString();
    }

    /** Waits until the output contains {@code text}; returns the output then. */
    String awaitOutput(String text, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " did not print '" + text + "' within " + timeout + ":\n" + output());
            }
            sleep(20);
        }
        return output();
    }

    /** Waits for the program to end by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws IOException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(name + " still running after " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + name, e);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** SIGTERM, then SIGKILL if the program is still there after five seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
