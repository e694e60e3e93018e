package io.tunstack.nativ;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A non-blocking eventfd(2) for waking a thread blocked in {@link Poller#poll} from another thread:
 * {@link #signal()} makes the fd readable until the owner calls {@link #drain()}.
 * {@code signal()} is safe from any thread; {@code drain()} belongs to the polling thread.
 */
public final class EventFd implements AutoCloseable {
    private static final int COUNTER_SIZE = Long.BYTES;

    /** Holds the value 1, written by every {@link #signal()}; never modified after construction. */
    private final Pointer one = Memory.allocateDirect(LibC.RUNTIME, COUNTER_SIZE);
    private final Pointer drained = Memory.allocateDirect(LibC.RUNTIME, COUNTER_SIZE);
    private volatile int fd;

    private EventFd(int fd) {
        this.fd = fd;
        one.putLong(0, 1L);
    }

    /** Creates an eventfd with counter 0, non-blocking and close-on-exec. */
    public static EventFd open() throws NativeException {
        int fd = LibC.INSTANCE.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        if (fd < 0) {
            throw NativeException.last("eventfd");
        }
        return new EventFd(fd);
    }

    /** The file descriptor to register with a {@link Poller}; -1 once closed. */
    public int fd() {
        return fd;
    }

    /** Adds 1 to the counter, making the fd readable. */
    public void signal() throws NativeException {
        int current = ensureOpen();
        if (LibC.INSTANCE.write(current, one.address(), COUNTER_SIZE) < 0) {
            int errno = Errno.last();
            // eventfd(2): EAGAIN means the counter is at its maximum, i.e. already signalled.
            if (errno != Errno.EAGAIN) {
                throw NativeException.of("write(eventfd)", errno);
            }
        }
    }

    /**
     * Resets the counter to 0 so the fd is no longer readable.
     *
     * @return whether it had been signalled since the last drain
     */
    public boolean drain() throws NativeException {
        int current = ensureOpen();
        if (LibC.INSTANCE.read(current, drained.address(), COUNTER_SIZE) < 0) {
            int errno = Errno.last();
            if (errno == Errno.EAGAIN) {
                return false;
            }
            throw NativeException.of("read(eventfd)", errno);
        }
        return true;
    }

    private int ensureOpen() {
        int current = fd;
        if (current < 0) {
            throw new IllegalStateException("eventfd is closed");
        }
        return current;
    }

    /** Closes the fd; idempotent. Signallers must have stopped, as the fd number may be reused. */
    @Override
    public synchronized void close() {
        if (fd >= 0) {
            Fd.close(fd);
            fd = -1;
        }
    }
}
