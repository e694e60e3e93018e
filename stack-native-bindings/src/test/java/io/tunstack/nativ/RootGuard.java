package io.tunstack.nativ;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Skips a test that needs root, or fails it when CI=true so a CI run cannot silently skip it. */
final class RootGuard {
    private static final String REASON = "needs root for TUN/netns";

    private RootGuard() {
    }

    static void requireRoot() {
        if (isRoot()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(REASON + " (CI=true: not skipping)");
        }
        Assumptions.abort(REASON);
    }

    private static boolean isRoot() {
        try {
            // /proc/self is owned by the effective uid of the reading process.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
