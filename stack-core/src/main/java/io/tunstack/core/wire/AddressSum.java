package io.tunstack.core.wire;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;

/**
 * Ones' complement sums read straight from native memory addresses ({@code ByteBuf.memoryAddress()}): one
 * unchecked 8-byte load per word instead of a {@code ByteBuf} accessor that checks bounds and the reference count
 * on every call, which JDK 17's JIT does not hoist out of the loop. Callers check bounds and liveness once.
 *
 * <p>Words are loaded in native order and the folded sum is swapped once at the end on little-endian machines:
 * RFC 1071 §2 (B), the ones' complement sum is independent of byte order. Each 64-bit word adds its two
 * 32-bit halves, so the four 64-bit accumulators cannot overflow, nor their total, for any int length.
 */
final class AddressSum {
    private static final boolean LITTLE_ENDIAN = !PlatformDependent.BIG_ENDIAN_NATIVE_ORDER;
    /**
     * Loads through an address need Netty's {@code Unsafe} access, which Netty leaves off on JDK 24 and later
     * (JEP 471) unless enabled; a buffer may still report a memory address there.
     */
    private static final boolean UNSAFE = PlatformDependent.hasUnsafe();
    private static final long LOW = 0xFFFF_FFFFL;

    private AddressSum() {
    }

    /** Whether {@code buf}'s bytes can be read here through its memory address. */
    static boolean usable(ByteBuf buf) {
        return UNSAFE && buf.hasMemoryAddress();
    }

    /** The sum of {@code length} bytes at {@code src} as big-endian 16-bit words, folded to 16 bits. */
    static int sum(long src, int length) {
        // Four accumulators, so that consecutive words do not wait for each other's additions.
        long s0 = 0;
        long s1 = 0;
        long s2 = 0;
        long s3 = 0;
        int i = 0;
        for (int stop = length - 31; i < stop; i += 32) {
            long v0 = PlatformDependent.getLong(src + i);
            long v1 = PlatformDependent.getLong(src + i + 8);
            long v2 = PlatformDependent.getLong(src + i + 16);
            long v3 = PlatformDependent.getLong(src + i + 24);
            s0 += (v0 >>> 32) + (v0 & LOW);
            s1 += (v1 >>> 32) + (v1 & LOW);
            s2 += (v2 >>> 32) + (v2 & LOW);
            s3 += (v3 >>> 32) + (v3 & LOW);
        }
        for (int stop = length - 7; i < stop; i += 8) {
            long v = PlatformDependent.getLong(src + i);
            s0 += (v >>> 32) + (v & LOW);
        }
        int tail = 0;
        for (int k = 0; i + k < length; k++) {
            byte b = PlatformDependent.getByte(src + i + k);
            // The tail starts at an even position: even bytes are the high halves of big-endian words.
            tail += (k & 1) == 0 ? (b & 0xFF) << 8 : b & 0xFF;
        }
        return Checksum.fold((long) bigEndian(Checksum.fold(s0 + s1 + s2 + s3)) + tail);
    }

    /** The 16-bit sum of a native-order word sum, as big-endian words. */
    private static int bigEndian(int nativeSum) {
        return LITTLE_ENDIAN ? ((nativeSum & 0xFF) << 8) | (nativeSum >>> 8) : nativeSum;
    }
}
