package io.tunstack.core.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The bounded receive queue. In-order bytes wait for the user at the front; the free space after them is
 * where every segment within the window is copied once, at its final position, whether in order or not
 * ({@link Reassembly} tracks which out-of-order parts are present).
 */
final class ReceiveBuffer {
    private final ByteRing ring;
    private int head;
    private int readable;

    ReceiveBuffer(int capacity, ByteBufAllocator alloc) {
        this.ring = new ByteRing(capacity, alloc);
    }

    int capacity() {
        return ring.capacity();
    }

    /** In-order bytes the user can read. */
    int readable() {
        return readable;
    }

    /** Room after the readable bytes, for data at RCV.NXT and beyond. */
    int free() {
        return ring.capacity() - readable;
    }

    /** Stores {@code len} bytes of {@code src} at {@code offset} bytes past RCV.NXT; requires offset + len ≤ free(). */
    void writeAt(int offset, ByteBuf src, int srcIndex, int len) {
        ring.set(ring.advance(head, readable + offset), src, srcIndex, len);
    }

    /**
     * Copies {@code len} bytes of {@code src} to RCV.NXT, as {@code writeAt(0, ...)} does, and returns their ones'
     * complement sum (16 bits, words relative to {@code srcIndex}); requires len ≤ free().
     */
    int stage(ByteBuf src, int srcIndex, int len) {
        return ring.setAndSum(ring.advance(head, readable), src, srcIndex, len);
    }

    /** {@code n} bytes at RCV.NXT became in order. */
    void commit(int n) {
        readable += n;
    }

    /** Moves up to dst's writable bytes of in-order data into {@code dst}; returns how many. */
    int read(ByteBuf dst) {
        int n = Math.min(readable, dst.writableBytes());
        if (n > 0) {
            ring.get(head, dst, n);
            head = ring.advance(head, n);
            readable -= n;
        }
        return n;
    }

    /** Discards whatever is left, read or not, and frees the storage: nothing can be read afterwards. */
    void release() {
        ring.release();
        head = 0;
        readable = 0;
    }
}
