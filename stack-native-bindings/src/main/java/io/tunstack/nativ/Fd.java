package io.tunstack.nativ;

/** Releasing file descriptors. */
final class Fd {
    private Fd() {
    }

    /**
     * close(2), result ignored: on Linux the descriptor is released even when close reports an error, so
     * retrying could close a descriptor another thread has since opened (close(2), "Dealing with error returns").
     */
    static void close(int fd) {
        LibC.INSTANCE.close(fd);
    }
}
