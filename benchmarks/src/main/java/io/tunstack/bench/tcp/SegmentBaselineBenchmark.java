package io.tunstack.bench.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.wire.Checksum;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Baselines for the segment paths, over the same 1500-byte datagram (direct buffers, as the receive path
 * sees them): the Internet checksum alone, a plain copy of the bytes (the memory-bandwidth floor), and the data
 * movement (a) cannot avoid, with no protocol work at all.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SegmentBaselineBenchmark {
    static final int LENGTH = 1500;

    private static final int PAYLOAD = LENGTH - 40;
    private static final int DRAIN = ReceivePathBenchmark.DRAIN_EVERY * PAYLOAD;
    /** A receive ring about as large as the default receive buffer (256 KiB), a whole number of drains long. */
    private static final int RING = 256 * 1024 / DRAIN * DRAIN;

    private ByteBuf datagram;
    private ByteBuf copy;
    private ByteBuf ring;
    private ByteBuf drained;
    private int ringPosition;
    private int sinceDrain;

    @Setup
    public void setUp() {
        datagram = Unpooled.directBuffer(LENGTH).writeBytes(Payloads.pattern(LENGTH));
        copy = Unpooled.directBuffer(LENGTH);
        ring = Unpooled.directBuffer(RING);
        drained = Unpooled.directBuffer(DRAIN);
    }

    @Benchmark
    public int checksum() {
        return Checksum.checksum(datagram, 0, LENGTH);
    }

    @Benchmark
    public ByteBuf copy() {
        return copy.setBytes(0, datagram, 0, LENGTH);
    }

    /**
     * What (a) does to the bytes, and nothing else: the 1460-byte payload summed as it is copied to the next place in
     * a 256 KiB ring, and every {@value ReceivePathBenchmark#DRAIN_EVERY} segments the application's copy of them
     * out. A receive path that verifies the checksum, queues the payload and lets the application read it costs at
     * least this.
     */
    @Benchmark
    public int receiveDataMovement() {
        int sum = Checksum.copyAndSum(datagram, 40, ring, ringPosition, PAYLOAD);
        ringPosition += PAYLOAD;
        if (++sinceDrain == ReceivePathBenchmark.DRAIN_EVERY) {
            sinceDrain = 0;
            drained.setBytes(0, ring, ringPosition - DRAIN, DRAIN);
            if (ringPosition == RING) {
                ringPosition = 0;
            }
        }
        return sum;
    }

    @TearDown
    public void release() {
        datagram.release();
        copy.release();
        ring.release();
        drained.release();
    }
}
