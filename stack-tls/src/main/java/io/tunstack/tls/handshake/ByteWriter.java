package io.tunstack.tls.handshake;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Writes the TLS presentation language; length-prefixed vectors are written with {@link #vector(int, Body)}. */
public final class ByteWriter {

    /** Writes a vector's body. */
    @FunctionalInterface
    public interface Body {
        void write(ByteWriter w);
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ByteWriter u8(int v) {
        out.write(v);
        return this;
    }

    public ByteWriter u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public ByteWriter u32(long v) {
        u16((int) (v >>> 16) & 0xffff);
        return u16((int) v & 0xffff);
    }

    public ByteWriter u24(int v) {
        out.write(v >>> 16);
        return u16(v & 0xffff);
    }

    public ByteWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** A vector whose length prefix has {@code lengthBytes} bytes (1, 2 or 3). */
    public ByteWriter vector(int lengthBytes, Body body) {
        ByteWriter inner = new ByteWriter();
        body.write(inner);
        byte[] content = inner.toByteArray();
        if (content.length >= 1 << (8 * lengthBytes)) {
            throw new IllegalArgumentException("vector too long for a " + lengthBytes + "-byte length");
        }
        if (lengthBytes == 1) {
            u8(content.length);
        } else if (lengthBytes == 2) {
            u16(content.length);
        } else {
            u24(content.length);
        }
        return bytes(content);
    }

    /** An opaque vector with a {@code lengthBytes}-byte length prefix. */
    public ByteWriter opaque(int lengthBytes, byte[] content) {
        return vector(lengthBytes, w -> w.bytes(content));
    }

    /** An extensions block: {@code Extension extensions<0..2^16-1>} (RFC 8446 §4.2). */
    public ByteWriter extensions(List<Extension> extensions) {
        return vector(2, w -> extensions.forEach(e -> w.u16(e.type()).opaque(2, e.data())));
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
