package io.tunstack.nativ;

import java.util.concurrent.Callable;

/**
 * Runs code on the calling thread inside a named network namespace ({@code ip netns} style,
 * {@code /var/run/netns/NAME}) and then moves the thread back. setns(2) with CLONE_NEWNET changes the
 * namespace of the calling thread only; sockets and TUN fds opened meanwhile stay bound to the namespace
 * they were created in after the thread has left it. Threads started by the task inherit the namespace
 * (clone(2) copies the creator's), so start long-lived threads outside.
 */
public final class NetNamespace {
    /** Where iproute2 bind-mounts named namespaces (ip-netns(8)). */
    static final String NETNS_DIR = "/var/run/netns/";
    /** The calling thread's own namespace; /proc/self would name the main thread's, which may differ. */
    private static final String THREAD_NETNS = "/proc/thread-self/ns/net";

    private NetNamespace() {
    }

    /** Code that runs inside the namespace, throwing at most {@code E}. */
    @FunctionalInterface
    interface Task<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code task} on the current thread inside namespace {@code netns}, then returns the thread to its
     * original namespace, also when the task throws.
     *
     * @throws NativeException if the namespace does not exist or cannot be entered
     * @throws IllegalArgumentException if {@code netns} is not a plain file name
     */
    public static <T> T call(String netns, Callable<T> task) throws Exception {
        return run(netns, task::call);
    }

    /** {@link #call} for tasks with a narrower exception type. */
    static <T, E extends Exception> T run(String netns, Task<T, E> task) throws E, NativeException {
        int original = openOwnNamespace();
        try {
            enter(netns);
            T result;
            try {
                result = task.run();
            } catch (Throwable t) {
                returnTo(original, t);
                throw t;
            }
            returnTo(original, null);
            return result;
        } finally {
            Fd.close(original);
        }
    }

    private static void enter(String netns) throws NativeException {
        int target = openNamespace(netns);
        try {
            setns(target, "setns(" + NETNS_DIR + netns + ")");
        } finally {
            Fd.close(target);
        }
    }

    private static int openNamespace(String netns) throws NativeException {
        if (netns == null || netns.isEmpty() || netns.equals(".") || netns.equals("..") || netns.indexOf('/') >= 0) {
            throw new IllegalArgumentException("network namespace name must be a plain file name: " + netns);
        }
        String path = NETNS_DIR + netns;
        int fd = LibC.INSTANCE.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) {
            int errno = Errno.last();
            if (errno == Errno.ENOENT) {
                throw new NativeException("open(" + path + ")", errno,
                        "network namespace " + netns + " does not exist (" + path + ")");
            }
            throw NativeException.of("open(" + path + ")", errno);
        }
        return fd;
    }

    private static int openOwnNamespace() throws NativeException {
        int fd = LibC.INSTANCE.open(THREAD_NETNS, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw NativeException.last("open(" + THREAD_NETNS + ")");
        }
        return fd;
    }

    private static void setns(int fd, String operation) throws NativeException {
        if (LibC.INSTANCE.setns(fd, LibC.CLONE_NEWNET) < 0) {
            throw NativeException.last(operation);
        }
    }

    /** A thread stuck in the wrong namespace would misroute everything it opens later, so failure is fatal. */
    private static void returnTo(int original, Throwable pending) {
        try {
            setns(original, "setns(back to original namespace)");
        } catch (NativeException e) {
            IllegalStateException fatal = new IllegalStateException(
                    "thread " + Thread.currentThread().getName() + " is stuck in another network namespace", e);
            if (pending != null) {
                fatal.addSuppressed(pending);
            }
            throw fatal;
        }
    }
}
