package io.tunstack.core.wire;

import io.netty.buffer.ByteBuf;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.internal.PlatformDependent;

/**
 * The Internet checksum (RFC 1071): the 16-bit ones' complement of the ones' complement sum of the data,
 * taken as big-endian 16-bit words, plus the IPv4 pseudo-header sum and RFC 1624 incremental updates.
 *
 * <p>Sums are accumulated 8 bytes at a time into a 64-bit accumulator (RFC 1071 §2 (C), parallel summation:
 * the ones' complement sum of 64-bit words folded to 16 bits equals the sum of the 16-bit words). Buffers with a
 * memory address are read through it ({@link AddressSum}), others through {@code ByteBuf} accessors.
 * All methods are allocation-free.
 */
public final class Checksum {

    private Checksum() {
    }

    /**
     * Ones' complement sum of {@code length} bytes of {@code buf} starting at absolute index {@code offset},
     * plus {@code initial} (any non-negative partial sum, e.g. {@link #pseudoHeaderSum}). Words are taken
     * relative to {@code offset}; an odd final byte is padded with a zero byte (RFC 1071 §4.1).
     * Indices are not moved.
     *
     * @return the sum folded to 16 bits, not complemented (0..0xFFFF)
     */
    public static int sum(ByteBuf buf, int offset, int length, long initial) {
        if (AddressSum.usable(buf)) {
            checkRange(buf, offset, length);
            return fold(initial + AddressSum.sum(buf.memoryAddress() + offset, length));
        }
        int i = offset;
        int end = offset + length;
        // The bulk is read little-endian (the native order here, so no per-word byte swap) and the folded
        // result swapped once: RFC 1071 §2 (B), the sum is independent of byte order. Each step adds two
        // 32-bit halves, so the accumulators cannot overflow for any ByteBuf length.
        long even = 0;
        long odd = 0;
        for (int stop = end - 15; i < stop; i += 16) {
            long v = buf.getLongLE(i);
            long w = buf.getLongLE(i + 8);
            even += (v >>> 32) + (v & 0xFFFF_FFFFL);
            odd += (w >>> 32) + (w & 0xFFFF_FFFFL);
        }
        if (end - i >= 8) {
            long v = buf.getLongLE(i);
            even += (v >>> 32) + (v & 0xFFFF_FFFFL);
            i += 8;
        }
        int le = fold((long) fold(even) + fold(odd));
        long acc = initial + (((le & 0xFF) << 8) | (le >>> 8));
        if (end - i >= 4) {
            acc += buf.getUnsignedInt(i);
            i += 4;
        }
        if (end - i >= 2) {
            acc += buf.getUnsignedShort(i);
            i += 2;
        }
        if (i < end) {
            acc += buf.getUnsignedByte(i) << 8;
        }
        return fold(acc);
    }

    /**
     * Copies {@code length} bytes of {@code src} at absolute index {@code srcIndex} to {@code dst} at
     * {@code dstIndex} and returns their sum as {@code sum(src, srcIndex, length, 0)} does. Indices are not moved.
     *
     * <p>With memory addresses the copy is one bulk {@code copyMemory} (wide vector stores) and the sum a second
     * pass over the source, which is in L1 after the copy if not before. A fused loop (as Linux's
     * csum_partial_copy) issues one 8-byte store per word instead, several times as many store-buffer entries,
     * each waiting for its line when the destination is not in L1 (a receive ring larger than L1); it measured a
     * few percent slower here.
     */
    public static int copyAndSum(ByteBuf src, int srcIndex, ByteBuf dst, int dstIndex, int length) {
        if (AddressSum.usable(src) && AddressSum.usable(dst)) {
            checkRange(src, srcIndex, length);
            checkRange(dst, dstIndex, length);
            long from = src.memoryAddress() + srcIndex;
            PlatformDependent.copyMemory(from, dst.memoryAddress() + dstIndex, length);
            return AddressSum.sum(from, length);
        }
        dst.setBytes(dstIndex, src, srcIndex, length);
        return sum(src, srcIndex, length, 0);
    }

    /**
     * Adds the folded sum {@code part} of bytes that start {@code partOffset} bytes after the start of the bytes
     * {@code sum} covers: a part at an odd offset has its words' bytes the other way round, so its sum is
     * byte-swapped (RFC 1071 §2 (B)).
     */
    public static int add(int sum, int part, int partOffset) {
        int aligned = (partOffset & 1) == 0 ? part : ((part & 0xFF) << 8) | (part >>> 8);
        return fold((long) sum + aligned);
    }

    /** What {@code ByteBuf} accessors check on every call, once: the buffer is live and the range inside it. */
    private static void checkRange(ByteBuf buf, int index, int length) {
        if (buf.refCnt() == 0) {
            throw new IllegalReferenceCountException(0);
        }
        if ((index | length) < 0 || index > buf.capacity() - length) {
            throw new IndexOutOfBoundsException("index " + index + ", length " + length + ", capacity " + buf.capacity());
        }
    }

    /**
     * The unfolded ones' complement sum of the four big-endian 16-bit words of {@code value}, for a header field
     * group held in a register: summing what is written saves reading it back (RFC 1071 §2 (C): adding the two
     * 32-bit halves and folding later gives the same 16-bit sum).
     */
    public static long words(long value) {
        return (value >>> 32) + (value & 0xFFFF_FFFFL);
    }

    /** As {@link #words(long)} for the two 16-bit words of {@code value}. */
    public static long words(int value) {
        return (value >>> 16) + (value & 0xFFFF);
    }

    /** Folds a 64-bit ones' complement accumulator to 16 bits with end-around carries (RFC 1071 §2 (B)). */
    public static int fold(long sum) {
        long s = (sum >>> 32) + (sum & 0xFFFF_FFFFL);
        s = (s >>> 16) + (s & 0xFFFF);
        s = (s >>> 16) + (s & 0xFFFF);
        s = (s >>> 16) + (s & 0xFFFF);
        return (int) s;
    }

    /** The checksum field value for a (non-negative) partial sum: the ones' complement of its folded value. */
    public static int complement(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /** The RFC 1071 checksum of {@code length} bytes at absolute index {@code offset}. */
    public static int checksum(ByteBuf buf, int offset, int length) {
        return ~sum(buf, offset, length, 0) & 0xFFFF;
    }

    /**
     * Sum of the IPv4 pseudo-header (RFC 9293 §3.1, RFC 768): source address, destination address,
     * zero + protocol, and the transport length. Not folded; pass it as {@code initial} to {@link #sum}.
     */
    public static long pseudoHeaderSum(int srcAddr, int dstAddr, int protocol, int length) {
        return (srcAddr >>> 16) + (srcAddr & 0xFFFF)
                + (dstAddr >>> 16) + (dstAddr & 0xFFFF)
                + (protocol & 0xFF) + (length & 0xFFFF);
    }

    /**
     * The checksum of a TCP or UDP segment including the IPv4 pseudo-header. The checksum field inside the
     * segment must be zero while this is computed (or the result is the verification value).
     */
    public static int transportChecksum(ByteBuf buf, int offset, int length, int srcAddr, int dstAddr, int protocol) {
        return ~sum(buf, offset, length, pseudoHeaderSum(srcAddr, dstAddr, protocol, length)) & 0xFFFF;
    }

    /**
     * RFC 1624 §3 eqn. 3 incremental update, {@code HC' = ~(~HC + ~m + m')}, for one 16-bit word changing
     * from {@code oldWord16} to {@code newWord16}. Unlike eqn. 2 it never produces -0 (0xFFFF) where a full
     * recomputation gives 0x0000.
     */
    public static int update(int oldChecksum, int oldWord16, int newWord16) {
        return complement((~oldChecksum & 0xFFFF) + (~oldWord16 & 0xFFFF) + (newWord16 & 0xFFFF));
    }

    /** RFC 1624 eqn. 3 for a 32-bit field (two adjacent 16-bit words), e.g. an address or a sequence number. */
    public static int update32(int oldChecksum, int oldWord32, int newWord32) {
        return complement((~oldChecksum & 0xFFFF)
                + (~oldWord32 >>> 16) + (~oldWord32 & 0xFFFF)
                + (newWord32 >>> 16) + (newWord32 & 0xFFFF));
    }
}
