package io.tunstack.core.udp;

import io.tunstack.core.lab.LabNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server process inside a lab namespace whose output is collected on a thread; {@link #awaitReady} waits
 * for the line that says it is ready. {@link #close} kills it and waits for it to end.
 */
public final class LabServer implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);

    private LabServer(Process process, String readyText) {
        this.process = process;
        Thread reader = new Thread(() -> collect(readyText), "lab-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} in the namespace; it is ready once a line containing {@code readyText} appears. */
    public static LabServer start(LabNamespace lab, String readyText, String... command) throws IOException {
        return new LabServer(lab.start(command), readyText);
    }

    private void collect(String readyText) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                if (line.contains(readyText)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            output.append("(output lost: ").append(e.getMessage()).append(")\n");
        }
    }

    /** Waits for the ready line. */
    public void awaitReady(long seconds) throws InterruptedException {
        if (!ready.await(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server not ready after " + seconds + " s (alive: " + process.isAlive()
                    + "), output:\n" + output);
        }
    }

    public String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
