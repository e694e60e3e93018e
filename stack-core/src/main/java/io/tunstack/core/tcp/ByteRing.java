package io.tunstack.core.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tunstack.core.wire.Checksum;

/**
 * Fixed-capacity circular byte storage in one direct buffer from the host's allocator, allocated on first use so
 * idle connections hold no memory. Positions wrap modulo the capacity; callers track what is valid.
 */
final class ByteRing {
    private final int capacity;
    private final ByteBufAllocator alloc;
    private ByteBuf storage;

    ByteRing(int capacity, ByteBufAllocator alloc) {
        this.capacity = capacity;
        this.alloc = alloc;
    }

    int capacity() {
        return capacity;
    }

    /** The ring position {@code distance} bytes after {@code position}. */
    int advance(int position, int distance) {
        int p = position + distance;
        return p >= capacity ? p - capacity : p;
    }

    /** Copies {@code length} bytes of {@code src} starting at absolute index {@code srcIndex} into the ring at {@code position}. */
    void set(int position, ByteBuf src, int srcIndex, int length) {
        copy(position, src, srcIndex, length, false);
    }

    /** As {@link #set}, returning the ones' complement sum of the bytes copied (checksum-and-copy, one pass). */
    int setAndSum(int position, ByteBuf src, int srcIndex, int length) {
        return copy(position, src, srcIndex, length, true);
    }

    private int copy(int position, ByteBuf src, int srcIndex, int length, boolean sum) {
        ByteBuf ring = storage();
        int first = Math.min(length, capacity - position);
        int total = copy(src, srcIndex, ring, position, first, sum);
        if (first < length) {
            total = Checksum.add(total, copy(src, srcIndex + first, ring, 0, length - first, sum), first);
        }
        return total;
    }

    private static int copy(ByteBuf src, int srcIndex, ByteBuf dst, int dstIndex, int length, boolean sum) {
        if (sum) {
            return Checksum.copyAndSum(src, srcIndex, dst, dstIndex, length);
        }
        dst.setBytes(dstIndex, src, srcIndex, length);
        return 0;
    }

    /** Appends {@code length} bytes from the ring at {@code position} to {@code dst}'s writer index. */
    void get(int position, ByteBuf dst, int length) {
        ByteBuf ring = storage();
        int first = Math.min(length, capacity - position);
        dst.writeBytes(ring, position, first);
        if (first < length) {
            dst.writeBytes(ring, 0, length - first);
        }
    }

    void release() {
        if (storage != null) {
            storage.release();
            storage = null;
        }
    }

    private ByteBuf storage() {
        if (storage == null) {
            storage = alloc.directBuffer(capacity, capacity);
            storage.writerIndex(capacity);
        }
        return storage;
    }
}
