package io.tunstack.core.wire;

import io.netty.buffer.ByteBuf;

/** A UDP header (RFC 768), parsed into a reusable mutable instance without allocating. */
public final class UdpHeader {

    /** The fixed header length. */
    public static final int LENGTH = 8;

    private static final int CHECKSUM_OFFSET = 6;

    public int srcPort;
    public int dstPort;
    /** The Length field: header plus data, in bytes. */
    public int length;
    /** The Checksum field; 0 means the sender computed none. */
    public int checksum;

    /**
     * Parses the datagram at absolute index {@code offset}; {@code available} is the IPv4 payload length. The UDP
     * Length may be shorter than {@code available} (the rest is ignored) but not longer. A non-zero checksum is
     * verified over the pseudo-header and Length bytes when {@code verifyChecksum}. Indices are not moved.
     *
     * @return {@code null} when well formed, otherwise why the datagram must be dropped
     */
    public WireError parse(ByteBuf buf, int offset, int available, int srcAddr, int dstAddr, boolean verifyChecksum) {
        if (offset < 0 || available < LENGTH || available > buf.writerIndex() - offset) {
            return WireError.TRUNCATED;
        }
        srcPort = buf.getUnsignedShort(offset);
        dstPort = buf.getUnsignedShort(offset + 2);
        length = buf.getUnsignedShort(offset + 4);
        checksum = buf.getUnsignedShort(offset + CHECKSUM_OFFSET);
        if (length < LENGTH || length > available) {
            return WireError.BAD_LENGTH;
        }
        // RFC 768: an all-zero checksum field means the transmitter generated no checksum.
        if (verifyChecksum && checksum != 0
                && Checksum.transportChecksum(buf, offset, length, srcAddr, dstAddr, IpProtocol.UDP) != 0) {
            return WireError.BAD_CHECKSUM;
        }
        return null;
    }

    /** Bytes of data after the header. */
    public int payloadLength() {
        return length - LENGTH;
    }

    /** Appends the 8-byte header at {@code out}'s writer index with checksum 0 (see {@link #fillChecksum}). */
    public void writeTo(ByteBuf out) {
        out.writeShort(srcPort);
        out.writeShort(dstPort);
        out.writeShort(length);
        out.writeShort(0);
    }

    /**
     * Computes the checksum of the datagram at absolute index {@code datagramStart} over the pseudo-header, header
     * and data and stores it; a computed 0 is sent as 0xFFFF, since 0 means "no checksum" (RFC 768).
     */
    public static void fillChecksum(ByteBuf out, int datagramStart, int datagramLength, int srcAddr, int dstAddr) {
        out.setShort(datagramStart + CHECKSUM_OFFSET, 0);
        int sum = Checksum.transportChecksum(out, datagramStart, datagramLength, srcAddr, dstAddr, IpProtocol.UDP);
        out.setShort(datagramStart + CHECKSUM_OFFSET, sum == 0 ? 0xFFFF : sum);
    }

    /** Short description for traces, e.g. {@code udp 5353 > 53 len 40}. */
    @Override
    public String toString() {
        return "udp " + srcPort + " > " + dstPort + " len " + length;
    }
}
