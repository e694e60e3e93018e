package io.tunstack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A throw-away network namespace {@code tsn-<random>} made with ip-netns(8), deleted on close. */
final class TestNamespace implements AutoCloseable {
    final String name = "tsn-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000));

    TestNamespace() throws IOException, InterruptedException {
        run("ip", "netns", "add", name);
        try {
            // No IPv6 on new interfaces: keeps router solicitations and MLD reports off the test TUN.
            exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Runs a command inside the namespace and returns its stdout; fails the test on a non-zero exit. */
    String exec(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    /** Runs a command in the test's own namespace and returns its exit status. */
    static int status(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return process.exitValue();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed: " + output);
        return output;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("ip", "netns", "del", name);
    }
}
