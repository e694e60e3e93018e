package io.tunstack.core.dns;

import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Appends one DNS message to a buffer, compressing repeated name suffixes (RFC 1035 §4.1.4). */
final class DnsWriter {
    /** Pointers carry 14-bit offsets. */
    private static final int MAX_POINTER_OFFSET = 0x3FFF;

    private final ByteBuf out;
    private final int base;
    /** Offset of each name suffix already written, keyed by its lower-cased wire labels. */
    private final Map<String, Integer> suffixes = new HashMap<>();

    DnsWriter(ByteBuf out) {
        this.out = out;
        this.base = out.writerIndex();
    }

    int position() {
        return out.writerIndex() - base;
    }

    void u8(int value) {
        out.writeByte(value);
    }

    void u16(int value) {
        out.writeShort(value);
    }

    void i32(int value) {
        out.writeInt(value);
    }

    void bytes(byte[] value) {
        out.writeBytes(value);
    }

    /** Overwrites the 16-bit value at message offset {@code offset} (an RDLENGTH written before the RDATA). */
    void setU16(int offset, int value) {
        out.setShort(base + offset, value);
    }

    /** Writes {@code name}, replacing its longest suffix that was written before with a pointer. */
    void name(String name) {
        List<byte[]> labels = DnsName.labels(name);
        for (int i = 0; i < labels.size(); i++) {
            String key = suffixKey(labels, i);
            Integer earlier = suffixes.get(key);
            if (earlier != null) {
                out.writeShort(0xC000 | earlier);
                return;
            }
            if (position() <= MAX_POINTER_OFFSET) {
                suffixes.put(key, position());
            }
            byte[] label = labels.get(i);
            out.writeByte(label.length);
            out.writeBytes(label);
        }
        out.writeByte(0);
    }

    private static String suffixKey(List<byte[]> labels, int from) {
        StringBuilder key = new StringBuilder();
        for (int i = from; i < labels.size(); i++) {
            byte[] label = labels.get(i);
            key.append((char) label.length);
            for (byte b : label) {
                // RFC 4343 §3: only ASCII letters compare case-insensitively.
                key.append((char) (b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b & 0xFF));
            }
        }
        return key.toString();
    }
}
