package io.tunstack.core.wire;

import io.netty.buffer.ByteBuf;

/**
 * An ICMP message (RFC 792): the 8-byte header parsed into a reusable mutable instance, plus builders for echo
 * requests and destination-unreachable messages and the in-place echo request → reply rewrite.
 */
public final class IcmpPacket {

    /** Type, code, checksum and the 4-byte type-specific field. */
    public static final int HEADER_LENGTH = 8;

    public static final int TYPE_ECHO_REPLY = 0;
    public static final int TYPE_DESTINATION_UNREACHABLE = 3;
    public static final int TYPE_ECHO_REQUEST = 8;
    public static final int TYPE_TIME_EXCEEDED = 11;

    /** Destination Unreachable codes, RFC 792. */
    public static final int CODE_NET_UNREACHABLE = 0;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_PROTOCOL_UNREACHABLE = 2;
    public static final int CODE_PORT_UNREACHABLE = 3;

    /** RFC 792: the original datagram's header plus its first 64 bits of data are quoted. */
    public static final int QUOTED_DATA_LENGTH = 8;
    private static final int CHECKSUM_OFFSET = 2;

    public int type;
    public int code;
    public int checksum;
    /** Echo identifier (first half of the type-specific field). */
    public int identifier;
    /** Echo sequence number (second half of the type-specific field). */
    public int sequence;

    /**
     * Parses the ICMP message of {@code length} bytes at absolute index {@code offset}, verifying the checksum
     * over the whole message. Indices are not moved.
     *
     * @return {@code null} when well formed, otherwise why the message must be dropped
     */
    public WireError parse(ByteBuf buf, int offset, int length) {
        if (offset < 0 || length < HEADER_LENGTH || length > buf.writerIndex() - offset) {
            return WireError.TRUNCATED;
        }
        type = buf.getUnsignedByte(offset);
        code = buf.getUnsignedByte(offset + 1);
        checksum = buf.getUnsignedShort(offset + CHECKSUM_OFFSET);
        identifier = buf.getUnsignedShort(offset + 4);
        sequence = buf.getUnsignedShort(offset + 6);
        if (Checksum.checksum(buf, offset, length) != 0) {
            return WireError.BAD_CHECKSUM;
        }
        return null;
    }

    /** True for an Echo (type 8, code 0) message. */
    public boolean isEchoRequest() {
        return type == TYPE_ECHO_REQUEST && code == 0;
    }

    /**
     * Turns the echo request at absolute index {@code offset} into an echo reply in place: the type becomes 0 and
     * the checksum is updated incrementally (RFC 1624), so the payload is not re-read. Swapping the IPv4
     * addresses for the reply leaves the IPv4 header checksum unchanged (the sum is order-independent).
     */
    public static void rewriteAsEchoReply(ByteBuf buf, int offset) {
        int oldTypeCode = buf.getUnsignedShort(offset);
        int newTypeCode = (TYPE_ECHO_REPLY << 8) | (oldTypeCode & 0xFF);
        int oldChecksum = buf.getUnsignedShort(offset + CHECKSUM_OFFSET);
        buf.setShort(offset, newTypeCode);
        buf.setShort(offset + CHECKSUM_OFFSET, Checksum.update(oldChecksum, oldTypeCode, newTypeCode));
    }

    /**
     * Appends an echo request carrying {@code payload}'s readable bytes (not consumed) at {@code out}'s writer
     * index, with its checksum.
     *
     * @return the message length
     */
    public static int writeEchoRequest(ByteBuf out, int identifier, int sequence, ByteBuf payload) {
        int start = out.writerIndex();
        writeHeader(out, TYPE_ECHO_REQUEST, 0, (identifier << 16) | (sequence & 0xFFFF));
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        return fillChecksum(out, start);
    }

    /**
     * Appends a Destination Unreachable message (RFC 792) at {@code out}'s writer index quoting the original
     * datagram, whose readable bytes start at its IPv4 header (not consumed): its header plus the first 8 data
     * bytes, or fewer if the datagram is shorter.
     *
     * @return the message length
     */
    public static int writeDestinationUnreachable(ByteBuf out, int code, ByteBuf original) {
        int start = out.writerIndex();
        writeHeader(out, TYPE_DESTINATION_UNREACHABLE, code, 0);
        int originalHeaderLength = original.isReadable() ? (original.getUnsignedByte(original.readerIndex()) & 0x0F) * 4 : 0;
        int quoted = Math.min(original.readableBytes(), originalHeaderLength + QUOTED_DATA_LENGTH);
        out.writeBytes(original, original.readerIndex(), quoted);
        return fillChecksum(out, start);
    }

    private static void writeHeader(ByteBuf out, int type, int code, int restOfHeader) {
        out.writeByte(type);
        out.writeByte(code);
        out.writeShort(0);
        out.writeInt(restOfHeader);
    }

    private static int fillChecksum(ByteBuf out, int start) {
        int length = out.writerIndex() - start;
        out.setShort(start + CHECKSUM_OFFSET, Checksum.checksum(out, start, length));
        return length;
    }

    /** Short description for traces, e.g. {@code icmp type 8 code 0 id 1 seq 2}. */
    @Override
    public String toString() {
        return "icmp type " + type + " code " + code + " id " + identifier + " seq " + sequence;
    }
}
