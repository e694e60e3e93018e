package io.tunstack.core.wire;

import io.netty.buffer.ByteBuf;

/**
 * An IPv4 header (RFC 791 §3.1), parsed into a reusable mutable instance without allocating.
 * Options are validated only for length and skipped; {@link #writeTo} emits a 20-byte header without options.
 */
public final class Ipv4Header {

    /** Header length without options. */
    public static final int MIN_LENGTH = 20;
    /** The Version field value. */
    public static final int VERSION = 4;
    /** Don't Fragment bit of {@link #flags}. */
    public static final int FLAG_DF = 0b010;
    /** More Fragments bit of {@link #flags}. */
    public static final int FLAG_MF = 0b001;

    /** The checksum field (octets 10-11) within the header's second 8-byte word. */
    private static final int CHECKSUM_SHIFT = 32;

    public int version;
    /** Internet Header Length in 32-bit words. */
    public int ihl;
    /** Type of service octet: DSCP (upper 6 bits) and ECN (lower 2 bits), RFC 2474 / RFC 3168. */
    public int tos;
    public int totalLength;
    public int identification;
    /** The 3-bit flags field: reserved, {@link #FLAG_DF}, {@link #FLAG_MF}. */
    public int flags;
    /** Fragment offset in units of 8 octets. */
    public int fragmentOffset;
    public int ttl;
    public int protocol;
    public int headerChecksum;
    public int srcAddr;
    public int dstAddr;

    /**
     * Parses the header at {@code buf}'s reader index without moving it. The readable bytes must hold the whole
     * datagram; link-layer padding after Total Length is allowed.
     *
     * @return {@code null} when well formed, otherwise why the datagram must be dropped
     */
    public WireError parse(ByteBuf buf) {
        int start = buf.readerIndex();
        int readable = buf.readableBytes();
        if (readable < MIN_LENGTH) {
            return WireError.TRUNCATED;
        }
        // Three reads for the fixed header (every ByteBuf accessor checks bounds and the reference count).
        long first = buf.getLong(start);
        long second = buf.getLong(start + 8);
        version = (int) (first >>> 60);
        ihl = (int) (first >>> 56) & 0x0F;
        tos = (int) (first >>> 48) & 0xFF;
        totalLength = (int) (first >>> 32) & 0xFFFF;
        identification = (int) (first >>> 16) & 0xFFFF;
        flags = (int) (first >>> 13) & 0b111;
        fragmentOffset = (int) first & 0x1FFF;
        ttl = (int) (second >>> 56);
        protocol = (int) (second >>> 48) & 0xFF;
        headerChecksum = (int) (second >>> 32) & 0xFFFF;
        srcAddr = (int) second;
        dstAddr = buf.getInt(start + 16);
        if (version != VERSION) {
            return WireError.BAD_VERSION;
        }
        if (ihl < MIN_LENGTH / 4) {
            return WireError.BAD_IHL;
        }
        if (totalLength < headerLength() || totalLength > readable) {
            return WireError.BAD_TOTAL_LENGTH;
        }
        // RFC 791 §3.1: the ones' complement sum over the header, checksum field included, must be all ones. The
        // fixed part is summed from the words already read; options, if any, from the buffer.
        long sum = Checksum.words(first) + Checksum.words(second) + Checksum.words(dstAddr);
        if (ihl > MIN_LENGTH / 4) {
            sum += Checksum.sum(buf, start + MIN_LENGTH, optionsLength(), 0);
        }
        if (Checksum.fold(sum) != 0xFFFF) {
            return WireError.BAD_CHECKSUM;
        }
        return null;
    }

    /** Header length in bytes (IHL × 4). */
    public int headerLength() {
        return ihl * 4;
    }

    /** Bytes of options after the fixed 20-byte header. */
    public int optionsLength() {
        return headerLength() - MIN_LENGTH;
    }

    /** Bytes of payload after the header (Total Length − header length). */
    public int payloadLength() {
        return totalLength - headerLength();
    }

    /** Differentiated Services Code Point, RFC 2474. */
    public int dscp() {
        return tos >>> 2;
    }

    /** Explicit Congestion Notification codepoint, RFC 3168. */
    public int ecn() {
        return tos & 0b11;
    }

    /** True when Don't Fragment is set. */
    public boolean dontFragment() {
        return (flags & FLAG_DF) != 0;
    }

    /** True when this datagram is a fragment (More Fragments set or a non-zero offset, RFC 791 §3.2). */
    public boolean isFragment() {
        return (flags & FLAG_MF) != 0 || fragmentOffset != 0;
    }

    /**
     * Writes a 20-byte header (version 4, IHL 5, no options) at absolute index {@code offset} of {@code out}
     * with a correct header checksum. Indices are not moved; {@link #version}, {@link #ihl} and
     * {@link #headerChecksum} are not used.
     */
    public void writeTo(ByteBuf out, int offset) {
        long first = (long) ((VERSION << 4) | (MIN_LENGTH / 4)) << 56 | (long) (tos & 0xFF) << 48
                | (long) (totalLength & 0xFFFF) << 32 | (long) (identification & 0xFFFF) << 16
                | (((flags << 13) | fragmentOffset) & 0xFFFF);
        // Checksum field 0 while the checksum is computed: from the words in hand, then stored with them.
        long second = (long) (ttl & 0xFF) << 56 | (long) (protocol & 0xFF) << 48 | (srcAddr & 0xFFFF_FFFFL);
        int checksum = Checksum.complement(Checksum.words(first) + Checksum.words(second) + Checksum.words(dstAddr));
        out.setLong(offset, first);
        out.setLong(offset + 8, second | (long) checksum << CHECKSUM_SHIFT);
        out.setInt(offset + 16, dstAddr);
    }

    /** Short description for traces, e.g. {@code 10.0.0.1 > 10.0.0.2 proto 6 len 60 ttl 64 id 1 DF}. */
    @Override
    public String toString() {
        return Ipv4Address.format(srcAddr) + " > " + Ipv4Address.format(dstAddr) + " proto " + protocol
                + " len " + totalLength + " ttl " + ttl + " id " + identification
                + (dontFragment() ? " DF" : "") + (isFragment() ? " frag " + fragmentOffset * 8 : "");
    }
}
