package io.tunstack.core.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The bounded send queue: bytes from SND.UNA (acknowledged data is discarded from the front) up to the last
 * byte the user queued. Segments are built by copying straight from here into the outgoing packet.
 */
final class SendBuffer {
    private final ByteRing ring;
    private int head;
    private int length;

    SendBuffer(int capacity, ByteBufAllocator alloc) {
        this.ring = new ByteRing(capacity, alloc);
    }

    /** Bytes queued: unacknowledged plus unsent. */
    int length() {
        return length;
    }

    int free() {
        return ring.capacity() - length;
    }

    /** Takes as many readable bytes of {@code src} as fit; returns how many. */
    int write(ByteBuf src) {
        int n = Math.min(free(), src.readableBytes());
        if (n > 0) {
            ring.set(ring.advance(head, length), src, src.readerIndex(), n);
            src.skipBytes(n);
            length += n;
        }
        return n;
    }

    /**
     * Appends {@code len} bytes starting {@code offset} bytes after SND.UNA to {@code dst} and returns their ones'
     * complement sum (checksum-and-copy: {@code Checksum.copyAndSum}).
     */
    int copyAndSumTo(ByteBuf dst, int offset, int len) {
        return ring.getAndSum(ring.advance(head, offset), dst, len);
    }

    /** Drops {@code n} acknowledged bytes from the front. */
    void discard(int n) {
        head = ring.advance(head, n);
        length -= n;
    }

    void release() {
        ring.release();
    }
}
