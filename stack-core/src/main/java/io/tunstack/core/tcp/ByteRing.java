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
        copy(position, src, srcIndex, length, true, false);
    }

    /** As {@link #set}, returning the ones' complement sum of the bytes copied ({@code Checksum.copyAndSum}). */
    int setAndSum(int position, ByteBuf src, int srcIndex, int length) {
        return copy(position, src, srcIndex, length, true, true);
    }

    /** Appends {@code length} bytes from the ring at {@code position} to {@code dst}'s writer index. */
    void get(int position, ByteBuf dst, int length) {
        getAndSum(position, dst, length, false);
    }

    /** As {@link #get}, returning the ones' complement sum of the bytes copied ({@code Checksum.copyAndSum}). */
    int getAndSum(int position, ByteBuf dst, int length) {
        return getAndSum(position, dst, length, true);
    }

    private int getAndSum(int position, ByteBuf dst, int length, boolean sum) {
        int at = dst.writerIndex();
        dst.ensureWritable(length);
        int total = copy(position, dst, at, length, false, sum);
        dst.writerIndex(at + length);
        return total;
    }

    /**
     * Copies {@code length} bytes between the ring at {@code position} and {@code other} at absolute index
     * {@code otherIndex}, into the ring or out of it, in at most two parts at the wrap; returns their sum when
     * {@code sum} (words relative to the first byte), else 0.
     */
    private int copy(int position, ByteBuf other, int otherIndex, int length, boolean intoRing, boolean sum) {
        ByteBuf ring = storage();
        int first = Math.min(length, capacity - position);
        int total = copy(ring, position, other, otherIndex, first, intoRing, sum);
        if (first < length) {
            total = Checksum.add(total, copy(ring, 0, other, otherIndex + first, length - first, intoRing, sum), first);
        }
        return total;
    }

    private static int copy(ByteBuf ring, int ringIndex, ByteBuf other, int otherIndex, int length, boolean intoRing,
                            boolean sum) {
        ByteBuf src = intoRing ? other : ring;
        ByteBuf dst = intoRing ? ring : other;
        int srcIndex = intoRing ? otherIndex : ringIndex;
        int dstIndex = intoRing ? ringIndex : otherIndex;
        if (sum) {
            return Checksum.copyAndSum(src, srcIndex, dst, dstIndex, length);
        }
        dst.setBytes(dstIndex, src, srcIndex, length);
        return 0;
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
