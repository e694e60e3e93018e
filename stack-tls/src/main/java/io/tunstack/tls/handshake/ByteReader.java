package io.tunstack.tls.handshake;

import io.tunstack.tls.TlsException;
import io.tunstack.tls.record.AlertDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the TLS presentation language (RFC 8446 §3) from a byte range. Any read past the end, and
 * any data left over where a structure should end, is a decode_error.
 */
public final class ByteReader {

    private final byte[] data;
    private int position;
    private final int limit;

    public ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    public ByteReader(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    public int u8() throws TlsException {
        need(1);
        return data[position++] & 0xff;
    }

    public int u16() throws TlsException {
        need(2);
        int v = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
        position += 2;
        return v;
    }

    public int u24() throws TlsException {
        need(3);
        int v = ((data[position] & 0xff) << 16) | ((data[position + 1] & 0xff) << 8) | (data[position + 2] & 0xff);
        position += 3;
        return v;
    }

    public long u32() throws TlsException {
        return ((long) u16() << 16) | u16();
    }

    public byte[] bytes(int n) throws TlsException {
        need(n);
        byte[] out = Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** opaque vector&lt;min..2^8-1&gt;. */
    public byte[] vector8(int min) throws TlsException {
        return checked(bytes(u8()), min);
    }

    /** opaque vector&lt;min..2^16-1&gt;. */
    public byte[] vector16(int min) throws TlsException {
        return checked(bytes(u16()), min);
    }

    /** opaque vector&lt;min..2^24-1&gt;. */
    public byte[] vector24(int min) throws TlsException {
        return checked(bytes(u24()), min);
    }

    /** A vector of 16-bit values with a 2-byte length prefix of at least {@code minBytes}; an odd length is a decode_error. */
    public List<Integer> u16List(int minBytes) throws TlsException {
        byte[] encoded = vector16(minBytes);
        if (encoded.length % 2 != 0) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "odd-length list of 16-bit values");
        }
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < encoded.length; i += 2) {
            values.add(((encoded[i] & 0xff) << 8) | (encoded[i + 1] & 0xff));
        }
        return values;
    }

    /** A reader over the body of a vector with a {@code lengthBytes}-byte length prefix; the body is consumed here. */
    public ByteReader sub(int lengthBytes) throws TlsException {
        int length = lengthBytes == 1 ? u8() : lengthBytes == 2 ? u16() : u24();
        need(length);
        ByteReader sub = new ByteReader(data, position, length);
        position += length;
        return sub;
    }

    /** Fails with decode_error unless everything has been read. */
    public void expectEnd(String structure) throws TlsException {
        if (position != limit) {
            throw new TlsException(AlertDescription.DECODE_ERROR, (limit - position) + " trailing bytes in " + structure);
        }
    }

    private static byte[] checked(byte[] vector, int min) throws TlsException {
        if (vector.length < min) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "vector shorter than its minimum length " + min);
        }
        return vector;
    }

    private void need(int n) throws TlsException {
        if (n > limit - position) {
            throw new TlsException(AlertDescription.DECODE_ERROR, "message truncated: needed " + n + " bytes, had " + (limit - position));
        }
    }
}
