package io.tunstack.core.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A TCP header (RFC 9293 §3.1) with the options this stack understands: MSS (RFC 9293 §3.2),
 * window scale and timestamps (RFC 7323), SACK-permitted and SACK (RFC 2018).
 *
 * <p>Mutable and reusable: {@link #parse} fills the fields without allocating; {@link #writeTo} serializes them.
 * {@code seq}, {@code ack}, {@code tsVal} and {@code tsEcr} are raw 32-bit values (compare them with modular
 * arithmetic); {@code window} is the raw 16-bit field (scaling is the connection's job).
 */
public final class TcpHeader {

    /** Header length without options. */
    public static final int MIN_LENGTH = 20;
    /** Header length with the maximum 40 bytes of options (Data Offset 15). */
    public static final int MAX_LENGTH = 60;
    /** At most four SACK blocks fit in the option space (RFC 2018 §3). */
    public static final int MAX_SACK_BLOCKS = 4;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    // Option kinds, RFC 9293 §3.2, RFC 7323, RFC 2018.
    private static final int KIND_EOL = 0;
    private static final int KIND_NOP = 1;
    private static final int KIND_MSS = 2;
    private static final int KIND_WINDOW_SCALE = 3;
    private static final int KIND_SACK_PERMITTED = 4;
    private static final int KIND_SACK = 5;
    private static final int KIND_TIMESTAMPS = 8;

    private static final int LENGTH_MSS = 4;
    private static final int LENGTH_WINDOW_SCALE = 3;
    private static final int LENGTH_SACK_PERMITTED = 2;
    private static final int LENGTH_TIMESTAMPS = 10;
    private static final int SACK_BLOCK_LENGTH = 8;

    private static final int CHECKSUM_OFFSET = 16;
    private static final int MAX_OPTIONS_LENGTH = MAX_LENGTH - MIN_LENGTH;

    public int srcPort;
    public int dstPort;
    public int seq;
    public int ack;
    public int flags;
    public int window;
    public int urgent;

    /** Maximum segment size option, -1 when absent. */
    public int mss = -1;
    /** Window scale shift count option, -1 when absent. */
    public int windowScale = -1;
    public boolean sackPermitted;
    public boolean hasTimestamp;
    public int tsVal;
    public int tsEcr;
    /** Number of valid entries in {@link #sackLeft} / {@link #sackRight}. */
    public int sackCount;
    public final int[] sackLeft = new int[MAX_SACK_BLOCKS];
    public final int[] sackRight = new int[MAX_SACK_BLOCKS];

    private int dataOffset;
    /** Ones' complement sum of the header bytes as parsed or written, folded; see {@link #headerSum}. */
    private int headerSum;

    /** Resets every field and option so the instance can be reused for a new segment. */
    public void clear() {
        srcPort = 0;
        dstPort = 0;
        seq = 0;
        ack = 0;
        flags = 0;
        window = 0;
        urgent = 0;
        mss = -1;
        windowScale = -1;
        sackPermitted = false;
        hasTimestamp = false;
        tsVal = 0;
        tsEcr = 0;
        sackCount = 0;
        dataOffset = 0;
        headerSum = 0;
    }

    /** Header length in bytes (Data Offset × 4) of the last successfully parsed or written header. */
    public int dataOffset() {
        return dataOffset;
    }

    /**
     * The ones' complement sum (folded, not complemented) of the header bytes, options included, of the last
     * successful {@link #parse} (checksum field as received) or {@link #writeTo} (checksum field 0): with the
     * pseudo-header and text sums it gives the segment's checksum without reading the header again.
     */
    public int headerSum() {
        return headerSum;
    }

    /** True when every bit of {@code mask} is set in {@link #flags}. */
    public boolean has(int mask) {
        return (flags & mask) == mask;
    }

    /**
     * Parses the segment of {@code length} bytes at absolute index {@code offset} (header + payload).
     * Indices are not moved. The pseudo-header addresses are used only when {@code verifyChecksum}.
     *
     * @return {@code null} when well formed, otherwise why the segment must be dropped
     */
    public WireError parse(ByteBuf buf, int offset, int length, int srcAddr, int dstAddr, boolean verifyChecksum) {
        clear();
        if (offset < 0 || length < MIN_LENGTH || length > buf.writerIndex() - offset) {
            return WireError.TRUNCATED;
        }
        // Three reads for the fixed header (every ByteBuf accessor checks bounds and the reference count).
        long first = buf.getLong(offset);
        long second = buf.getLong(offset + 8);
        int third = buf.getInt(offset + 16);
        int headerLength = ((int) (second >>> 28) & 0x0F) * 4;
        if (headerLength < MIN_LENGTH || headerLength > length) {
            return WireError.BAD_DATA_OFFSET;
        }
        if (verifyChecksum
                && Checksum.transportChecksum(buf, offset, length, srcAddr, dstAddr, IpProtocol.TCP) != 0) {
            return WireError.BAD_CHECKSUM;
        }
        srcPort = (int) (first >>> 48);
        dstPort = (int) (first >>> 32) & 0xFFFF;
        seq = (int) first;
        ack = (int) (second >>> 32);
        flags = (int) (second >>> 16) & 0xFF;
        window = (int) second & 0xFFFF;
        urgent = third & 0xFFFF;
        // SYN with FIN or RST is contradictory: no RFC 9293 §3.10.7 state accepts both, and Linux discards
        // SYN+FIN in LISTEN. Reject such segments as malformed before any connection lookup.
        if (has(SYN | FIN)) {
            return WireError.SYN_FIN;
        }
        if (has(SYN | RST)) {
            return WireError.SYN_RST;
        }
        dataOffset = headerLength;
        headerSum = sum(buf, offset, headerLength, fixedSum(first, second, third));
        return parseOptions(buf, offset + MIN_LENGTH, offset + headerLength);
    }

    /** Walks the option list (RFC 9293 §3.2): EOL ends it, NOP is one byte, every other kind carries a length. */
    private WireError parseOptions(ByteBuf buf, int index, int end) {
        int i = index;
        while (i < end) {
            int kind = buf.getUnsignedByte(i);
            if (kind == KIND_EOL) {
                break;
            }
            if (kind == KIND_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return WireError.BAD_OPTION_LENGTH;
            }
            int optionLength = buf.getUnsignedByte(i + 1);
            if (optionLength < 2 || optionLength > end - i || !hasValidLength(kind, optionLength)) {
                return WireError.BAD_OPTION_LENGTH;
            }
            readOption(buf, kind, i + 2, optionLength);
            i += optionLength;
        }
        return null;
    }

    /** Known kinds must have their defined length (RFC 9293 §3.2, RFC 7323, RFC 2018 §3); unknown kinds any. */
    private static boolean hasValidLength(int kind, int optionLength) {
        return switch (kind) {
            case KIND_MSS -> optionLength == LENGTH_MSS;
            case KIND_WINDOW_SCALE -> optionLength == LENGTH_WINDOW_SCALE;
            case KIND_SACK_PERMITTED -> optionLength == LENGTH_SACK_PERMITTED;
            case KIND_TIMESTAMPS -> optionLength == LENGTH_TIMESTAMPS;
            case KIND_SACK -> optionLength > 2 && (optionLength - 2) % SACK_BLOCK_LENGTH == 0;
            default -> true;
        };
    }

    /** Stores the value of one option whose length was validated; unknown kinds are skipped. */
    private void readOption(ByteBuf buf, int kind, int value, int optionLength) {
        switch (kind) {
            case KIND_MSS -> mss = buf.getUnsignedShort(value);
            case KIND_WINDOW_SCALE -> windowScale = buf.getUnsignedByte(value);
            case KIND_SACK_PERMITTED -> sackPermitted = true;
            case KIND_TIMESTAMPS -> {
                hasTimestamp = true;
                tsVal = buf.getInt(value);
                tsEcr = buf.getInt(value + 4);
            }
            case KIND_SACK -> {
                // RFC 2018 §3: the 40-byte option space bounds the count to MAX_SACK_BLOCKS.
                sackCount = (optionLength - 2) / SACK_BLOCK_LENGTH;
                for (int b = 0; b < sackCount; b++) {
                    sackLeft[b] = buf.getInt(value + b * SACK_BLOCK_LENGTH);
                    sackRight[b] = buf.getInt(value + b * SACK_BLOCK_LENGTH + 4);
                }
            }
            default -> {
                // Unknown kind: skipped by its length.
            }
        }
    }

    /**
     * Appends the header and its options at {@code out}'s writer index with checksum 0 (see {@link #fillChecksum}).
     * Options follow Linux's layout (every option 4-byte aligned with NOPs): MSS, SACK-permitted + timestamps,
     * window scale, SACK blocks. SACK blocks that do not fit in the 40-byte option space are left out
     * (3 fit alongside timestamps, RFC 2018 §3). Sets {@link #dataOffset} and {@link #headerSum}.
     *
     * @return the header length in bytes
     */
    public int writeTo(ByteBuf out) {
        int start = out.writerIndex();
        long fixedSum = write(out);
        int headerLength = out.writerIndex() - start;
        dataOffset = headerLength;
        headerSum = sum(out, start, headerLength, fixedSum);
        return headerLength;
    }

    /** The unfolded sum of the fixed 20 bytes, from the three words they are read or written as. */
    private static long fixedSum(long first, long second, int third) {
        return Checksum.words(first) + Checksum.words(second) + Checksum.words(third);
    }

    /** The header sum: {@code fixedSum} plus the options after the fixed 20 bytes at {@code offset}, if any. */
    private static int sum(ByteBuf buf, int offset, int headerLength, long fixedSum) {
        return headerLength == MIN_LENGTH
                ? Checksum.fold(fixedSum)
                : Checksum.sum(buf, offset + MIN_LENGTH, headerLength - MIN_LENGTH, fixedSum);
    }

    /** Appends the header as {@link #writeTo} does; returns the unfolded sum of its fixed 20 bytes. */
    private long write(ByteBuf out) {
        int optionsLength = fixedOptionsLength();
        int blocks = sackBlocksThatFit(optionsLength);
        if (blocks > 0) {
            optionsLength += 4 + blocks * SACK_BLOCK_LENGTH;
        }
        int headerLength = MIN_LENGTH + optionsLength;
        out.ensureWritable(headerLength);
        int start = out.writerIndex();
        long first = (long) (srcPort & 0xFFFF) << 48 | (long) (dstPort & 0xFFFF) << 32 | (seq & 0xFFFF_FFFFL);
        long second = (long) ack << 32 | (long) (headerLength / 4) << 28 | (flags & 0xFF) << 16 | (window & 0xFFFF);
        int third = urgent & 0xFFFF; // checksum 0 (see fillChecksum), urgent pointer
        out.setLong(start, first);
        out.setLong(start + 8, second);
        out.setInt(start + 16, third);
        out.writerIndex(start + MIN_LENGTH);
        writeOptions(out, blocks);
        return fixedSum(first, second, third);
    }

    private int fixedOptionsLength() {
        int length = mss >= 0 ? LENGTH_MSS : 0;
        if (hasTimestamp) {
            length += 2 + LENGTH_TIMESTAMPS;
        } else if (sackPermitted) {
            length += 2 + LENGTH_SACK_PERMITTED;
        }
        return length + (windowScale >= 0 ? 1 + LENGTH_WINDOW_SCALE : 0);
    }

    private int sackBlocksThatFit(int usedOptionsLength) {
        int room = (MAX_OPTIONS_LENGTH - usedOptionsLength - 4) / SACK_BLOCK_LENGTH;
        return Math.max(0, Math.min(sackCount, room));
    }

    private void writeOptions(ByteBuf out, int sackBlocks) {
        if (mss >= 0) {
            out.writeByte(KIND_MSS).writeByte(LENGTH_MSS).writeShort(mss);
        }
        if (hasTimestamp) {
            if (sackPermitted) {
                out.writeByte(KIND_SACK_PERMITTED).writeByte(LENGTH_SACK_PERMITTED);
            } else {
                out.writeByte(KIND_NOP).writeByte(KIND_NOP);
            }
            out.writeByte(KIND_TIMESTAMPS).writeByte(LENGTH_TIMESTAMPS).writeInt(tsVal).writeInt(tsEcr);
        } else if (sackPermitted) {
            out.writeByte(KIND_NOP).writeByte(KIND_NOP);
            out.writeByte(KIND_SACK_PERMITTED).writeByte(LENGTH_SACK_PERMITTED);
        }
        if (windowScale >= 0) {
            out.writeByte(KIND_NOP).writeByte(KIND_WINDOW_SCALE).writeByte(LENGTH_WINDOW_SCALE).writeByte(windowScale);
        }
        if (sackBlocks > 0) {
            out.writeByte(KIND_NOP).writeByte(KIND_NOP);
            out.writeByte(KIND_SACK).writeByte(2 + sackBlocks * SACK_BLOCK_LENGTH);
            for (int b = 0; b < sackBlocks; b++) {
                out.writeInt(sackLeft[b]).writeInt(sackRight[b]);
            }
        }
    }

    /**
     * Stores the checksum (RFC 9293 §3.1) of a segment whose header {@link #writeTo} just wrote at absolute
     * index {@code segmentStart}, followed by {@code textLength} bytes of text whose sum is {@code textSum}
     * (as {@link Checksum#sum} returns it): nothing is read back from {@code out}.
     */
    public void fillChecksum(ByteBuf out, int segmentStart, int textSum, int textLength, int srcAddr, int dstAddr) {
        // The text starts at the header length, a multiple of 4, so its sum needs no byte swap.
        long sum = Checksum.pseudoHeaderSum(srcAddr, dstAddr, IpProtocol.TCP, dataOffset + textLength)
                + headerSum + textSum;
        out.setShort(segmentStart + CHECKSUM_OFFSET, Checksum.complement(sum));
    }

    /**
     * Computes the checksum (RFC 9293 §3.1, over the IPv4 pseudo-header, header and payload) of the segment at
     * absolute index {@code segmentStart} and stores it in the segment's checksum field.
     */
    public static void fillChecksum(ByteBuf out, int segmentStart, int segmentLength, int srcAddr, int dstAddr) {
        out.setShort(segmentStart + CHECKSUM_OFFSET, 0);
        out.setShort(segmentStart + CHECKSUM_OFFSET,
                Checksum.transportChecksum(out, segmentStart, segmentLength, srcAddr, dstAddr, IpProtocol.TCP));
    }

    /**
     * A tcpdump-like one-line description for traces, e.g.
     * {@code 40000 > 80 [S.] seq 1 ack 2 win 65535 <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7>}.
     * Options are shown as {@link #writeTo} lays them out. Allocates; not for hot paths.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(srcPort).append(" > ").append(dstPort).append(" [");
        appendFlags(sb);
        sb.append("] seq ").append(Integer.toUnsignedString(seq));
        if (has(ACK)) {
            sb.append(" ack ").append(Integer.toUnsignedString(ack));
        }
        sb.append(" win ").append(window);
        if (has(URG)) {
            sb.append(" urg ").append(urgent);
        }
        ByteBuf scratch = Unpooled.buffer(MAX_LENGTH);
        write(scratch);
        int headerLength = scratch.writerIndex();
        if (headerLength > MIN_LENGTH) {
            sb.append(" <");
            appendOptions(sb, scratch, MIN_LENGTH, headerLength);
            sb.append('>');
        }
        return sb.toString();
    }

    /** tcpdump's flag letters, in its order: F S R P . U E W; "none" when no flag is set. */
    private void appendFlags(StringBuilder sb) {
        if ((flags & 0xFF) == 0) {
            sb.append("none");
            return;
        }
        String letters = "FSRP.UEW";
        for (int bit = 0; bit < letters.length(); bit++) {
            if ((flags & (1 << bit)) != 0) {
                sb.append(letters.charAt(bit));
            }
        }
    }

    /** Describes options laid out by {@link #writeTo} (so lengths are known to be valid). */
    private static void appendOptions(StringBuilder sb, ByteBuf buf, int from, int to) {
        int i = from;
        while (i < to) {
            if (i > from) {
                sb.append(',');
            }
            int kind = buf.getUnsignedByte(i);
            if (kind == KIND_NOP) {
                sb.append("nop");
                i++;
                continue;
            }
            int value = i + 2;
            switch (kind) {
                case KIND_MSS -> sb.append("mss ").append(buf.getUnsignedShort(value));
                case KIND_WINDOW_SCALE -> sb.append("wscale ").append(buf.getUnsignedByte(value));
                case KIND_SACK_PERMITTED -> sb.append("sackOK");
                case KIND_TIMESTAMPS -> sb.append("TS val ").append(buf.getUnsignedInt(value))
                        .append(" ecr ").append(buf.getUnsignedInt(value + 4));
                default -> appendSackBlocks(sb, buf, value, buf.getUnsignedByte(i + 1) - 2);
            }
            i += buf.getUnsignedByte(i + 1);
        }
    }

    private static void appendSackBlocks(StringBuilder sb, ByteBuf buf, int value, int blocksLength) {
        int blocks = blocksLength / SACK_BLOCK_LENGTH;
        sb.append("sack ").append(blocks).append(' ');
        for (int b = 0; b < blocks; b++) {
            int block = value + b * SACK_BLOCK_LENGTH;
            sb.append('{').append(buf.getUnsignedInt(block)).append(':').append(buf.getUnsignedInt(block + 4)).append('}');
        }
    }
}
