package io.tunstack.nativ;

import jnr.ffi.LastError;

/** The errno values tunstack reacts to (Linux <asm-generic/errno-base.h>, <asm-generic/errno.h>) and errno access. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;

    private Errno() {
    }

    /** The errno saved by JNR after the last libc call on the calling thread. */
    public static int last() {
        return LastError.getLastError(LibC.RUNTIME);
    }

    /** strerror(3) text, e.g. "Device or resource busy". */
    public static String describe(int errno) {
        return LibC.INSTANCE.strerror(errno);
    }
}
