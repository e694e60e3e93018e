package io.tunstack.nativ;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Waits until one of a set of file descriptors is readable, with a timeout in nanoseconds, using ppoll(2)
 * (poll(2) with a struct timespec timeout). A descriptor that reports an error or hang-up also counts as
 * readable, so the following read surfaces the error. Use from one thread.
 */
public final class Poller {
    /** struct pollfd { int fd; short events; short revents; } from <poll.h>. */
    private static final int POLLFD_SIZE = 8;
    private static final int EVENTS_OFFSET = 4;
    private static final int REVENTS_OFFSET = 6;
    private static final short READY = LibC.POLLIN | LibC.POLLERR | LibC.POLLHUP;
    /** struct timespec { time_t tv_sec; long tv_nsec; } on x86_64. */
    private static final int TIMESPEC_SIZE = 16;

    private final Pointer timeout = Memory.allocateDirect(LibC.RUNTIME, TIMESPEC_SIZE);
    private int[] fds = new int[0];
    private Pointer pollfds = Memory.allocateDirect(LibC.RUNTIME, POLLFD_SIZE);

    /** Starts watching {@code fd} for readability. */
    public void add(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("invalid fd " + fd);
        }
        if (indexOf(fd) >= 0) {
            throw new IllegalArgumentException("fd " + fd + " is already registered");
        }
        fds = Arrays.copyOf(fds, fds.length + 1);
        fds[fds.length - 1] = fd;
        rebuild();
    }

    /** Stops watching {@code fd}. */
    public void remove(int fd) {
        int index = indexOf(fd);
        if (index < 0) {
            throw new IllegalArgumentException("fd " + fd + " is not registered");
        }
        int[] rest = new int[fds.length - 1];
        System.arraycopy(fds, 0, rest, 0, index);
        System.arraycopy(fds, index + 1, rest, index, rest.length - index);
        fds = rest;
        rebuild();
    }

    private void rebuild() {
        pollfds = Memory.allocateDirect(LibC.RUNTIME, Math.max(1, fds.length) * POLLFD_SIZE, true);
        for (int i = 0; i < fds.length; i++) {
            pollfds.putInt((long) i * POLLFD_SIZE, fds[i]);
            pollfds.putShort((long) i * POLLFD_SIZE + EVENTS_OFFSET, LibC.POLLIN);
        }
    }

    /**
     * Waits until a registered fd is readable or the timeout expires; interrupted waits (EINTR) resume with
     * the remaining time.
     *
     * @param timeoutNanos how long to wait; 0 checks without waiting, negative waits without limit
     * @return the number of readable fds, 0 on timeout
     * @throws IllegalStateException if a registered fd is not open (POLLNVAL)
     */
    public int poll(long timeoutNanos) throws NativeException {
        long deadline = System.nanoTime() + timeoutNanos;
        long remaining = timeoutNanos;
        while (true) {
            int ready = LibC.INSTANCE.ppoll(pollfds, fds.length, remaining < 0 ? null : timespec(remaining), null);
            if (ready >= 0) {
                checkValid();
                return ready;
            }
            int errno = Errno.last();
            if (errno != Errno.EINTR) {
                throw NativeException.of("ppoll", errno);
            }
            if (timeoutNanos >= 0) {
                remaining = Math.max(0, deadline - System.nanoTime());
            }
        }
    }

    private Pointer timespec(long nanos) {
        timeout.putLong(0, nanos / TimeUnit.SECONDS.toNanos(1));
        timeout.putLong(Long.BYTES, nanos % TimeUnit.SECONDS.toNanos(1));
        return timeout;
    }

    private void checkValid() {
        for (int i = 0; i < fds.length; i++) {
            if ((revents(i) & LibC.POLLNVAL) != 0) {
                throw new IllegalStateException("fd " + fds[i] + " registered with the Poller is not open");
            }
        }
    }

    /** Whether {@code fd} was readable (or had an error or hang-up) at the last {@link #poll}. */
    public boolean isReadable(int fd) {
        int index = indexOf(fd);
        if (index < 0) {
            throw new IllegalArgumentException("fd " + fd + " is not registered");
        }
        return (revents(index) & READY) != 0;
    }

    private short revents(int index) {
        return pollfds.getShort((long) index * POLLFD_SIZE + REVENTS_OFFSET);
    }

    private int indexOf(int fd) {
        for (int i = 0; i < fds.length; i++) {
            if (fds[i] == fd) {
                return i;
            }
        }
        return -1;
    }
}
