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

    private static final int CHECKSUM_OFFSET = 10;

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
        int versionIhl = buf.getUnsignedByte(start);
        version = versionIhl >>> 4;
        ihl = versionIhl & 0x0F;
        tos = buf.getUnsignedByte(start + 1);
        totalLength = buf.getUnsignedShort(start + 2);
        identification = buf.getUnsignedShort(start + 4);
        int flagsFragment = buf.getUnsignedShort(start + 6);
        flags = flagsFragment >>> 13;
        fragmentOffset = flagsFragment & 0x1FFF;
        ttl = buf.getUnsignedByte(start + 8);
        protocol = buf.getUnsignedByte(start + 9);
        headerChecksum = buf.getUnsignedShort(start + CHECKSUM_OFFSET);
        srcAddr = buf.getInt(start + 12);
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
        // RFC 791 §3.1: the ones' complement sum over the header, checksum field included, must be all ones.
        if (Checksum.checksum(buf, start, headerLength()) != 0) {
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
        out.setByte(offset, (VERSION << 4) | (MIN_LENGTH / 4));
        out.setByte(offset + 1, tos);
        out.setShort(offset + 2, totalLength);
        out.setShort(offset + 4, identification);
        out.setShort(offset + 6, (flags << 13) | fragmentOffset);
        out.setByte(offset + 8, ttl);
        out.setByte(offset + 9, protocol);
        out.setShort(offset + CHECKSUM_OFFSET, 0);
        out.setInt(offset + 12, srcAddr);
        out.setInt(offset + 16, dstAddr);
        out.setShort(offset + CHECKSUM_OFFSET, Checksum.checksum(out, offset, MIN_LENGTH));
    }

    /** Short description for traces, e.g. {@code 10.0.0.1 > 10.0.0.2 proto 6 len 60 ttl 64 id 1 DF}. */
    @Override
    public String toString() {
        return Ipv4Address.format(srcAddr) + " > " + Ipv4Address.format(dstAddr) + " proto " + protocol
                + " len " + totalLength + " ttl " + ttl + " id " + identification
                + (dontFragment() ? " DF" : "") + (isFragment() ? " frag " + fragmentOffset * 8 : "");
    }
}
