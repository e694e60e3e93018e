package io.tunstack.core.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Test helpers: hex literals and a slow, obviously correct RFC 1071 reference checksum. */
final class Bytes {

    private Bytes() {
    }

    /** A growable heap buffer holding the bytes of a hex string; whitespace is ignored. */
    static ByteBuf hex(String hex) {
        return Unpooled.buffer().writeBytes(ByteBufUtil.decodeHexDump(hex.replaceAll("\\s", "")));
    }

    /** RFC 1071 §4.1 reference: add 16-bit words one by one, pad an odd byte, fold carries; not complemented. */
    static int referenceSum(ByteBuf buf, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = buf.getByte(offset + i) & 0xFF;
            int lo = i + 1 < length ? buf.getByte(offset + i + 1) & 0xFF : 0;
            sum += (hi << 8) | lo;
            while ((sum >>> 16) != 0) {
                sum = (sum & 0xFFFF) + (sum >>> 16);
            }
        }
        return (int) sum;
    }

    /** Reference checksum: complement of {@link #referenceSum}. */
    static int referenceChecksum(ByteBuf buf, int offset, int length) {
        return ~referenceSum(buf, offset, length) & 0xFFFF;
    }
}
