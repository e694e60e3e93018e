package io.tunstack.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tests that need root, /dev/net/tun and network namespaces call {@link #check()} first. Elsewhere they
 * skip with the reason; under CI ({@code CI=true}), which runs as root, a missing capability fails the
 * test instead, so CI can never go green by skipping them.
 */
public final class RootRequirement {
    private RootRequirement() {
    }

    public static void check() {
        String missing = missing();
        if (missing == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but this TUN test cannot run: " + missing);
        }
        assumeTrue(false, "skipped: " + missing + " (run as root to include TUN/namespace tests)");
    }

    private static String missing() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root for TUN devices and network namespaces";
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return "no /dev/net/tun on this machine";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/sbin/ip"))) {
            return "iproute2 ('ip') is not installed";
        }
        return null;
    }
}
