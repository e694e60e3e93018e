package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReassemblyTest {
    @Test
    void inOrderBytesAdvanceAtOnce() {
        Reassembly r = new Reassembly(4);
        assertEquals(10, r.add(0, 10));
        assertEquals(5, r.add(0, 5));
        assertTrue(r.isEmpty());
    }

    @Test
    void holesFillAndOverlapsMerge() {
        Reassembly r = new Reassembly(8);
        assertEquals(0, r.add(20, 10));  // [20,30)
        assertEquals(0, r.add(40, 10));  // [40,50)
        assertEquals(0, r.add(25, 20));  // bridges into [20,50)
        assertEquals(1, r.rangeCount());
        assertEquals(0, r.add(20, 30));  // duplicate
        assertEquals(50, r.add(0, 20));  // fills the hole: everything up to 50 is in order
        assertTrue(r.isEmpty());
        assertEquals(0, r.add(5, 5));    // offsets are relative to the new front
        assertEquals(10, r.add(0, 7));
    }

    @Test
    void adjacentRangesMerge() {
        Reassembly r = new Reassembly(2);
        r.add(10, 10);
        r.add(30, 10);
        r.add(20, 10);
        assertEquals(1, r.rangeCount());
        assertEquals(40, r.add(0, 10));
    }

    @Test
    void rangeLimitRejectsNewHolesButNotMerges() {
        Reassembly r = new Reassembly(2);
        r.add(10, 5);
        r.add(30, 5);
        assertEquals(-1, r.add(50, 5));
        assertEquals(0, r.add(12, 10));  // merges: still allowed
        assertEquals(2, r.rangeCount());
        assertEquals(22, r.add(0, 10));  // [0,22) now in order; [30,35) remains
        assertEquals(1, r.rangeCount());
    }

    @Test
    void randomOrderReassemblesToTheStream() {
        Random random = new Random(3);
        int total = 20_000;
        byte[] stream = TcpScript.pattern(0, total);
        List<int[]> segments = new ArrayList<>();
        for (int start = 0; start < total; ) {
            int len = Math.min(total - start, 1 + random.nextInt(700));
            segments.add(new int[] {start, len});
            // overlapping and duplicate copies
            if (random.nextInt(4) == 0) {
                segments.add(new int[] {Math.max(0, start - 100), Math.min(total - Math.max(0, start - 100), len + 150)});
            }
            start += len;
        }
        Collections.shuffle(segments, random);
        ReceiveBuffer buffer = new ReceiveBuffer(total, UnpooledByteBufAllocator.DEFAULT);
        Reassembly r = new Reassembly(1024);
        long front = 0;
        for (int[] s : segments) {
            int offset = (int) (s[0] - front);
            int start = s[0];
            int len = s[1];
            if (offset < 0) {
                len += offset;
                start -= offset;
                offset = 0;
            }
            if (len <= 0) {
                continue;
            }
            buffer.writeAt(offset, Unpooled.wrappedBuffer(stream), start, len);
            int n = r.add(offset, len);
            assertTrue(n >= 0);
            buffer.commit(n);
            front += n;
        }
        assertEquals(total, front);
        ByteBuf out = Unpooled.buffer(total);
        buffer.read(out);
        byte[] got = new byte[total];
        out.readBytes(got);
        assertArrayEquals(stream, got);
        buffer.release();
    }

    @Test
    void tenThousandOutOfOrderSegmentsTakeLinearTime() {
        // Segments arrive in reverse order plus an overlapping duplicate each: every insert costs O(log n).
        // The best of several runs after warm-up keeps a loaded machine's noise out of the comparison.
        for (int i = 0; i < 3; i++) {
            time(40_000);
        }
        long small = Long.MAX_VALUE;
        long large = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            small = Math.min(small, time(10_000));
            large = Math.min(large, time(40_000));
        }
        assertTrue(large < small * 4 * 4 + 5_000_000L, "n=10k " + small + " ns, n=40k " + large + " ns");
        assertTrue(small < 100_000_000L, "10k inserts took " + small + " ns");
    }

    private static long time(int n) {
        Reassembly r = new Reassembly(64);
        long start = System.nanoTime();
        for (int i = n - 1; i >= 1; i--) {
            r.add(i * 100, 100);
            r.add(i * 100 + 10, 50);
        }
        int advanced = r.add(0, 100);
        long elapsed = System.nanoTime() - start;
        assertEquals(n * 100, advanced);
        return elapsed;
    }
}
