package io.tunstack.core.link;

import io.netty.buffer.ByteBuf;

/**
 * struct virtio_net_hdr (virtio 1.x §5.1.6, <linux/virtio_net.h>) without num_buffers: the 10 bytes a TUN
 * opened with IFF_VNET_HDR puts in front of every packet. Fields are little-endian (le16, §5.1.6 for modern
 * devices; the TUN is put in that order with TUNSETVNETLE). Mutable and reusable, like the wire headers.
 */
public final class VirtioNetHeader {
    public static final int LENGTH = 10;
    /** flags: the checksum from csum_start to the end is incomplete (§5.1.6.2 point 1). */
    public static final int F_NEEDS_CSUM = 1;
    /** flags: the checksum has been validated. */
    public static final int F_DATA_VALID = 2;
    /** gso_type: not a super-segment. */
    public static final int GSO_NONE = 0;
    /** gso_type: an IPv4 TCP super-segment, to be cut into gso_size segments (TSO). */
    public static final int GSO_TCPV4 = 1;
    /** gso_type bit: the TCP super-segment carries ECN CWR, which belongs on its first segment only. */
    public static final int GSO_ECN = 0x80;

    public int flags;
    public int gsoType;
    /** Bytes of headers (IP + TCP) in front of the payload of each segment. */
    public int hdrLen;
    /** Payload bytes per segment (the MSS) of a super-segment. */
    public int gsoSize;
    /** Where checksumming starts, from the start of the IP packet. */
    public int csumStart;
    /** Where the checksum goes, from csum_start. */
    public int csumOffset;

    /** Reads the header at absolute index {@code index} (needs {@link #LENGTH} bytes there); indices do not move. */
    public void read(ByteBuf buf, int index) {
        flags = buf.getUnsignedByte(index);
        gsoType = buf.getUnsignedByte(index + 1);
        hdrLen = buf.getUnsignedShortLE(index + 2);
        gsoSize = buf.getUnsignedShortLE(index + 4);
        csumStart = buf.getUnsignedShortLE(index + 6);
        csumOffset = buf.getUnsignedShortLE(index + 8);
    }

    /** Appends the header's {@link #LENGTH} bytes to {@code out}. */
    public void writeTo(ByteBuf out) {
        out.writeByte(flags).writeByte(gsoType).writeShortLE(hdrLen).writeShortLE(gsoSize)
                .writeShortLE(csumStart).writeShortLE(csumOffset);
    }

    public boolean needsCsum() {
        return (flags & F_NEEDS_CSUM) != 0;
    }

    public boolean dataValid() {
        return (flags & F_DATA_VALID) != 0;
    }

    /** The segmentation kind without the {@link #GSO_ECN} bit. */
    public int gsoKind() {
        return gsoType & ~GSO_ECN;
    }

    @Override
    public String toString() {
        return "virtio_net_hdr{flags=" + flags + ", gso_type=" + gsoType + ", hdr_len=" + hdrLen + ", gso_size="
                + gsoSize + ", csum_start=" + csumStart + ", csum_offset=" + csumOffset + "}";
    }
}
