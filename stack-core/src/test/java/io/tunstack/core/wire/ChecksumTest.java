package io.tunstack.core.wire;

import static io.tunstack.core.wire.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.IllegalReferenceCountException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumTest {

    @Test
    void rfc1071Section3Example() {
        ByteBuf buf = hex("00 01 f2 03 f4 f5 f6 f7");
        assertEquals(0xddf2, Checksum.sum(buf, 0, 8, 0));
        assertEquals(0x220d, Checksum.checksum(buf, 0, 8));
    }

    @Test
    void knownIpv4HeaderChecksum() {
        ByteBuf header = hex("45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7");
        assertEquals(0, Checksum.checksum(header, 0, 20), "a correct header sums to all ones");
        header.setShort(10, 0);
        assertEquals(0xb861, Checksum.checksum(header, 0, 20));
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void matchesReferenceForEveryLengthAtSeveralOffsets(boolean direct) {
        Random random = new Random(1071);
        int maxLength = 2000;
        int[] offsets = {0, 1, 2, 3, 7};
        ByteBuf buf = direct ? Unpooled.directBuffer(maxLength + 8) : Unpooled.buffer(maxLength + 8);
        byte[] data = new byte[maxLength + 8];
        random.nextBytes(data);
        buf.writeBytes(data);
        try {
            for (int offset : offsets) {
                for (int length = 0; length <= maxLength; length++) {
                    assertEquals(Bytes.referenceSum(buf, offset, length), Checksum.sum(buf, offset, length, 0),
                            "offset " + offset + " length " + length);
                }
            }
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "direct source={0}")
    @ValueSource(booleans = {false, true})
    void copyAndSumCopiesAndMatchesReferenceForEveryLength(boolean directSource) {
        Random random = new Random(1141);
        int maxLength = 2000;
        byte[] data = new byte[maxLength + 8];
        random.nextBytes(data);
        ByteBuf src = (directSource ? Unpooled.directBuffer(data.length) : Unpooled.buffer(data.length)).writeBytes(data);
        ByteBuf[] destinations = {Unpooled.directBuffer(maxLength + 8), Unpooled.buffer(maxLength + 8)};
        try {
            for (ByteBuf dst : destinations) {
                for (int srcOffset : new int[] {0, 1, 3, 7}) {
                    int dstOffset = srcOffset == 0 ? 0 : 5;
                    for (int length = 0; length <= maxLength; length++) {
                        dst.setZero(0, dst.capacity());
                        assertEquals(Bytes.referenceSum(src, srcOffset, length),
                                Checksum.copyAndSum(src, srcOffset, dst, dstOffset, length),
                                "offset " + srcOffset + " length " + length + " into " + dst);
                        assertEquals(src.slice(srcOffset, length), dst.slice(dstOffset, length), "copied bytes");
                        assertEquals(0, dst.getByte(dstOffset + length), "nothing past the end");
                    }
                }
            }
        } finally {
            src.release();
            for (ByteBuf dst : destinations) {
                dst.release();
            }
        }
    }

    @Test
    void sumOfPartsAddsAtTheirOffsets() {
        Random random = new Random(1071_2);
        ByteBuf buf = Unpooled.directBuffer(301);
        byte[] data = new byte[301];
        random.nextBytes(data);
        buf.writeBytes(data);
        for (int length : new int[] {0, 1, 2, 300, 301}) {
            for (int split = 0; split <= length; split++) {
                int first = Checksum.sum(buf, 0, split, 0);
                int second = Checksum.sum(buf, split, length - split, 0);
                assertEquals(Bytes.referenceSum(buf, 0, length), Checksum.add(first, second, split),
                        "length " + length + " split " + split);
            }
        }
        buf.release();
    }

    @Test
    void memoryAddressPathChecksRangeAndLiveness() {
        ByteBuf buf = Unpooled.directBuffer(16).writeZero(16);
        assertTrue(buf.hasMemoryAddress(), "Netty reaches native memory here");
        assertThrows(IndexOutOfBoundsException.class, () -> Checksum.sum(buf, 8, 9, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Checksum.sum(buf, -1, 2, 0));
        buf.release();
        assertThrows(IllegalReferenceCountException.class, () -> Checksum.sum(buf, 0, 8, 0));
    }

    @Test
    void allOnesDataSumsToAllOnes() {
        ByteBuf buf = Unpooled.buffer(1500).writeZero(1500);
        for (int i = 0; i < 1500; i++) {
            buf.setByte(i, 0xFF);
        }
        assertEquals(0xFFFF, Checksum.sum(buf, 0, 1500, 0));
        assertEquals(0xFF00, Checksum.sum(buf, 0, 1499, 0), "an odd final byte is the high byte of a word");
        assertEquals(0xFF00, Checksum.sum(buf, 0, 1499, 0xFFFF_FFFFL), "an all-ones initial value adds -0");
        assertEquals(0x0002, Checksum.sum(buf, 0, 1500, 2), "-0 + 2 = 2 through the end-around carry");
    }

    @Test
    void foldCarriesAroundEveryHalf() {
        assertEquals(0, Checksum.fold(0));
        assertEquals(1, Checksum.fold(0x1_0000L));
        assertEquals(0xFFFF, Checksum.fold(0xFFFFL));
        assertEquals(0xFFFF, Checksum.fold(-1L));
        assertEquals(0x0003, Checksum.fold(0x0001_0001_0000_0001L));
    }

    @Test
    void pseudoHeaderSumEqualsSumOfItsLaidOutBytes() {
        Random random = new Random(793);
        for (int n = 0; n < 1000; n++) {
            int src = random.nextInt();
            int dst = random.nextInt();
            int protocol = random.nextInt(256);
            int length = random.nextInt(65536);
            ByteBuf laidOut = Unpooled.buffer(12).writeInt(src).writeInt(dst).writeByte(0).writeByte(protocol)
                    .writeShort(length);
            assertEquals(Bytes.referenceSum(laidOut, 0, 12),
                    Checksum.fold(Checksum.pseudoHeaderSum(src, dst, protocol, length)));
        }
    }

    @Test
    void rfc1624Section3ExampleGivesZeroNotMinusZero() {
        // Two words whose checksum is 0xDD2F; changing 0x5555 to 0x3285 makes the sum 0xFFFF.
        ByteBuf buf = Unpooled.buffer(4).writeShort(0x5555).writeShort(0xCD7A);
        assertEquals(0xDD2F, Checksum.checksum(buf, 0, 4));
        buf.setShort(0, 0x3285);
        assertEquals(0x0000, Checksum.checksum(buf, 0, 4));
        assertEquals(0x0000, Checksum.update(0xDD2F, 0x5555, 0x3285));
    }

    @Test
    void incrementalUpdateOf16BitWordMatchesRecomputation() {
        Random random = new Random(1624);
        ByteBuf header = Unpooled.buffer(20).writeZero(20);
        for (int n = 0; n < 1000; n++) {
            randomize(header, random);
            int before = Checksum.checksum(header, 0, 20);
            int wordIndex = 2 * random.nextInt(10);
            int oldWord = header.getUnsignedShort(wordIndex);
            int newWord = random.nextInt(65536);
            header.setShort(wordIndex, newWord);
            assertEquals(Checksum.checksum(header, 0, 20), Checksum.update(before, oldWord, newWord), "case " + n);
        }
    }

    @Test
    void incrementalUpdateOf32BitFieldMatchesRecomputation() {
        Random random = new Random(16241);
        ByteBuf header = Unpooled.buffer(20).writeZero(20);
        for (int n = 0; n < 1000; n++) {
            randomize(header, random);
            int before = Checksum.checksum(header, 0, 20);
            int fieldIndex = 4 * random.nextInt(5);
            int oldValue = header.getInt(fieldIndex);
            int newValue = random.nextInt();
            header.setInt(fieldIndex, newValue);
            assertEquals(Checksum.checksum(header, 0, 20), Checksum.update32(before, oldValue, newValue), "case " + n);
        }
    }

    private static void randomize(ByteBuf buf, Random random) {
        byte[] bytes = new byte[buf.capacity()];
        random.nextBytes(bytes);
        buf.setBytes(0, bytes);
    }
}
