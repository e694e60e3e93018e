package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tunstack.core.wire.Checksum;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRingTest {
    private static final int CAPACITY = 64;

    /** Checksum-and-copy out of the ring (the send path) splits at the wrap, odd or even, and sums as one run. */
    @ParameterizedTest
    @CsvSource({"0, 40, true", "30, 34, true", "51, 27, true", "63, 64, true", "51, 27, false", "10, 1, false"})
    void getAndSumAppendsAndSumsAcrossTheWrap(int position, int length, boolean direct) {
        ByteRing ring = new ByteRing(CAPACITY, new UnpooledByteBufAllocator(false));
        ByteBuf pattern = Unpooled.buffer(CAPACITY);
        for (int i = 0; i < CAPACITY; i++) {
            pattern.writeByte(i * 29 + 7);
        }
        ring.set(0, pattern, 0, CAPACITY);
        ByteBuf dst = direct ? Unpooled.directBuffer(5 + length) : Unpooled.buffer(5 + length);
        dst.writeZero(5);

        int sum = ring.getAndSum(position, dst, length);

        assertEquals(5 + length, dst.writerIndex());
        ByteBuf expected = Unpooled.buffer(length);
        for (int i = 0; i < length; i++) {
            expected.writeByte(pattern.getByte((position + i) % CAPACITY));
        }
        assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(dst, 5, length));
        assertEquals(Checksum.sum(expected, 0, length, 0), sum);
        ring.release();
        dst.release();
    }
}
