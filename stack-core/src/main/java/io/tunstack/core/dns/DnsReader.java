package io.tunstack.core.dns;

import io.netty.buffer.ByteBuf;

/**
 * Bounds-checked reading of one DNS message held in a buffer's readable bytes, including compressed names
 * (RFC 1035 §4.1.4). Offsets in errors are relative to the start of the message. Buffer indices are not moved.
 */
final class DnsReader {
    private final ByteBuf buf;
    private final int base;
    private final int length;
    private int position;

    DnsReader(ByteBuf buf) {
        this.buf = buf;
        this.base = buf.readerIndex();
        this.length = buf.readableBytes();
    }

    int position() {
        return position;
    }

    private void require(int count, String what) throws DnsFormatException {
        if (count > length - position) {
            throw new DnsFormatException("truncated " + what + " at offset " + position + ": needs " + count
                    + " bytes, " + (length - position) + " left");
        }
    }

    int u8(String what) throws DnsFormatException {
        require(1, what);
        return buf.getUnsignedByte(base + position++);
    }

    int u16(String what) throws DnsFormatException {
        require(2, what);
        int value = buf.getUnsignedShort(base + position);
        position += 2;
        return value;
    }

    int i32(String what) throws DnsFormatException {
        require(4, what);
        int value = buf.getInt(base + position);
        position += 4;
        return value;
    }

    byte[] bytes(int count, String what) throws DnsFormatException {
        require(count, what);
        byte[] out = new byte[count];
        buf.getBytes(base + position, out);
        position += count;
        return out;
    }

    void skip(int count, String what) throws DnsFormatException {
        require(count, what);
        position += count;
    }

    /**
     * Reads a possibly compressed name (RFC 1035 §4.1.4). A pointer must lead to a prior occurrence: strictly
     * before the start of the part of the name read so far, so every jump goes backwards and loops are
     * impossible. Labels are 1..63 octets (the 01 and 10 label types are rejected; RFC 6891 §5 retired the
     * extended label types) and the expanded name at most 255 octets.
     */
    String name() throws DnsFormatException {
        StringBuilder text = new StringBuilder();
        int wireLength = 1;
        int pos = position;
        int partStart = position;
        boolean jumped = false;
        while (true) {
            if (pos >= length) {
                throw new DnsFormatException("truncated name at offset " + pos);
            }
            int len = buf.getUnsignedByte(base + pos);
            int kind = len & 0xC0;
            if (kind == 0xC0) {
                if (pos + 2 > length) {
                    throw new DnsFormatException("truncated compression pointer at offset " + pos);
                }
                int target = buf.getUnsignedShort(base + pos) & 0x3FFF;
                if (target >= partStart) {
                    throw new DnsFormatException("compression pointer at offset " + pos + " to offset " + target
                            + " does not point before offset " + partStart + " (pointer loop)");
                }
                if (!jumped) {
                    position = pos + 2;
                    jumped = true;
                }
                pos = target;
                partStart = target;
            } else if (kind != 0) {
                throw new DnsFormatException("unsupported label type 0x" + Integer.toHexString(len)
                        + " at offset " + pos + " (labels are at most 63 octets)");
            } else if (len == 0) {
                if (!jumped) {
                    position = pos + 1;
                }
                return text.length() == 0 ? "." : text.toString();
            } else {
                wireLength += 1 + len;
                if (wireLength > DnsName.MAX_WIRE_LENGTH) {
                    throw new DnsFormatException("name at offset " + position + " longer than "
                            + DnsName.MAX_WIRE_LENGTH + " octets");
                }
                if (pos + 1 + len > length) {
                    throw new DnsFormatException("truncated label at offset " + pos + ": " + len + " octets, "
                            + (length - pos - 1) + " left");
                }
                byte[] label = new byte[len];
                buf.getBytes(base + pos + 1, label);
                if (text.length() > 0) {
                    text.append('.');
                }
                DnsName.appendLabel(text, label, 0, len);
                pos += 1 + len;
            }
        }
    }
}
