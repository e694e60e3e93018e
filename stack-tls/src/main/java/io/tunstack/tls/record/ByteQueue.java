package io.tunstack.tls.record;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable FIFO of bytes over one array; producers may reserve space and write into it directly, consumers
 * may read removed bytes in place until the next write. Space is compacted lazily, when a write needs it.
 */
public final class ByteQueue {

    private byte[] buffer = new byte[1024];
    private int start;
    private int end;

    public int size() {
        return end - start;
    }

    public boolean isEmpty() {
        return start == end;
    }

    public void append(byte[] src, int off, int len) {
        int at = reserve(len);
        System.arraycopy(src, off, buffer, at, len);
        end += len;
    }

    public void append(ByteBuffer src) {
        int len = src.remaining();
        int at = reserve(len);
        src.get(buffer, at, len);
        end += len;
    }

    /**
     * Ensures {@code n} writable bytes after the tail and returns the tail offset in {@link #array()};
     * the caller writes there and then calls {@link #commit(int)}.
     */
    public int reserve(int n) {
        if (buffer.length - end < n) {
            int size = size();
            byte[] target = buffer.length - size >= n && start > 0 ? buffer : Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + n));
            System.arraycopy(buffer, start, target, 0, size);
            buffer = target;
            start = 0;
            end = size;
        }
        return end;
    }

    public void commit(int n) {
        end += n;
    }

    /** Offset of the first byte in {@link #array()}. */
    public int head() {
        return start;
    }

    /** The backing array (valid until the next reserve/append). */
    public byte[] array() {
        return buffer;
    }

    /** Drops {@code n} bytes from the head. */
    public void skip(int n) {
        if (n > size()) {
            throw new IllegalArgumentException("skip past end");
        }
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** Moves as many bytes as fit into {@code dst}; returns the count. */
    public int drainTo(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), size());
        dst.put(buffer, start, n);
        skip(n);
        return n;
    }

    /** The byte at {@code index} from the head. */
    public int peekUnsigned(int index) {
        return buffer[start + index] & 0xff;
    }

    /**
     * Removes the next {@code n} bytes without copying them and returns their offset in {@link #array()}; they
     * stay readable (and writable) there until the next reserve/append, which may reuse or compact the space.
     */
    public int consume(int n) {
        int at = start;
        skip(n);
        return at;
    }

    /** Removes and returns the next {@code n} bytes. */
    public byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(buffer, start, start + n);
        skip(n);
        return out;
    }
}
