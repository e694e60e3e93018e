package io.tunstack.nativ;

import java.io.IOException;

/**
 * A failed libc call: which operation failed, its errno and why, in words a user can act on.
 * The message reads "OPERATION failed: EXPLANATION (errno N: STRERROR)"; the explanation is left out when
 * strerror says it all.
 */
public final class NativeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errno;

    /** A failure with an explanation specific to the call site (e.g. "interface name in use"); null for none. */
    public NativeException(String operation, int errno, String explanation) {
        super(operation + " failed" + (explanation == null ? "" : ": " + explanation)
                + " (errno " + errno + ": " + Errno.describe(errno) + ")");
        this.operation = operation;
        this.errno = errno;
    }

    /** A failure explained from its errno alone; permission errors get a hint how to fix them. */
    public static NativeException of(String operation, int errno) {
        boolean denied = errno == Errno.EPERM || errno == Errno.EACCES;
        return new NativeException(operation, errno, denied ? "not permitted (run as root or with CAP_NET_ADMIN)" : null);
    }

    /** A failure of the libc call just made on this thread, explained from the saved errno. */
    public static NativeException last(String operation) {
        return of(operation, Errno.last());
    }

    /** What was attempted, e.g. "ioctl(TUNSETIFF, tun0)". */
    public String operation() {
        return operation;
    }

    /** The errno the call failed with. */
    public int errno() {
        return errno;
    }
}
