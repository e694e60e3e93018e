package io.tunstack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** NetNamespace.call moves only the calling thread, and always back. */
@Timeout(30)
class NetNamespaceTest {
    private static final Path OWN = Path.of("/proc/thread-self/ns/net");

    private TestNamespace netns;

    @BeforeEach
    void createNamespace() throws Exception {
        RootGuard.requireRoot();
        netns = new TestNamespace();
    }

    @AfterEach
    void deleteNamespace() throws Exception {
        if (netns != null) {
            netns.close();
        }
    }

    /** Namespace identity: the inode of the nsfs file, as ip-netns(8) and readlink show it. */
    private static Object inode(Path nsFile) throws IOException {
        return Files.getAttribute(nsFile, "unix:ino");
    }

    @Test
    void runsInsideTheNamespaceAndReturns() throws Exception {
        Object before = inode(OWN);
        Object inside = NetNamespace.call(netns.name, () -> inode(OWN));
        assertEquals(inode(Path.of(NetNamespace.NETNS_DIR + netns.name)), inside);
        assertNotEquals(before, inside);
        assertEquals(before, inode(OWN));
    }

    @Test
    void returnsEvenWhenTheTaskThrows() throws Exception {
        Object before = inode(OWN);
        IOException thrown = new IOException("task failed");
        IOException e = assertThrows(IOException.class, () -> NetNamespace.call(netns.name, () -> {
            throw thrown;
        }));
        assertSame(thrown, e);
        assertEquals(before, inode(OWN));
    }

    @Test
    void runningThreadsStayWhereTheyAreButNewOnesInherit() throws Exception {
        Object before = inode(OWN);
        CountDownLatch callerInside = new CountDownLatch(1);
        CompletableFuture<Object> seenByRunning = new CompletableFuture<>();
        Thread running = new Thread(() -> {
            try {
                callerInside.await();
                seenByRunning.complete(inode(OWN));
            } catch (Exception e) {
                seenByRunning.completeExceptionally(e);
            }
        });
        running.start();
        Object inside = NetNamespace.call(netns.name, () -> {
            callerInside.countDown();
            seenByRunning.get(10, TimeUnit.SECONDS);
            return inode(OWN);
        });
        assertEquals(before, seenByRunning.get());

        // clone(2) copies the creating thread's namespaces, so a thread started inside call() stays inside.
        CompletableFuture<Object> seenByNew = new CompletableFuture<>();
        NetNamespace.call(netns.name, () -> {
            Thread started = new Thread(() -> {
                try {
                    seenByNew.complete(inode(OWN));
                } catch (IOException e) {
                    seenByNew.completeExceptionally(e);
                }
            });
            started.start();
            return seenByNew.get(10, TimeUnit.SECONDS);
        });
        assertEquals(inside, seenByNew.get());
    }

    @Test
    void missingNamespaceIsExplained() {
        NativeException e = assertThrows(NativeException.class, () -> NetNamespace.call("tsn-absent", () -> 1));
        assertTrue(e.getMessage().contains("network namespace tsn-absent does not exist (/var/run/netns/tsn-absent)"),
                e.getMessage());
    }
}
