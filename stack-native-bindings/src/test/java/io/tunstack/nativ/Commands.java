package io.tunstack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs external commands (ip, scripts) for tests, with a time limit. */
final class Commands {
    private Commands() {
    }

    /** Runs a command and returns its output; fails the test on a non-zero exit. */
    static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, awaitExit(process, command), String.join(" ", command) + " failed: " + output);
        return output;
    }

    /** Runs a command and returns its exit status. */
    static int status(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return awaitExit(process, command);
    }

    private static int awaitExit(Process process, String... command) throws IOException {
        try {
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + String.join(" ", command));
        }
        return process.exitValue();
    }
}
