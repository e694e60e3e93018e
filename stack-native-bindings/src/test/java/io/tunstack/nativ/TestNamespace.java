package io.tunstack.nativ;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A throw-away network namespace {@code tsn-<random>} made with ip-netns(8), deleted on close. */
final class TestNamespace implements AutoCloseable {
    final String name = "tsn-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000));

    TestNamespace() throws IOException {
        Commands.run("ip", "netns", "add", name);
        try {
            // No IPv6 on new interfaces: keeps router solicitations and MLD reports off the test TUN.
            exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Runs a command inside the namespace and returns its output; fails the test on a non-zero exit. */
    String exec(String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return Commands.run(full.toArray(String[]::new));
    }

    @Override
    public void close() throws IOException {
        Commands.run("ip", "netns", "del", name);
    }
}
