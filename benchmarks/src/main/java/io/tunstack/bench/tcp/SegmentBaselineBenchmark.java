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
 * sees them): the Internet checksum alone, and a plain copy of the bytes (the memory-bandwidth floor).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SegmentBaselineBenchmark {
    static final int LENGTH = 1500;

    private ByteBuf datagram;
    private ByteBuf copy;

    @Setup
    public void setUp() {
        datagram = Unpooled.directBuffer(LENGTH).writeBytes(Payloads.pattern(LENGTH));
        copy = Unpooled.directBuffer(LENGTH);
    }

    @Benchmark
    public int checksum() {
        return Checksum.checksum(datagram, 0, LENGTH);
    }

    @Benchmark
    public ByteBuf copy() {
        return copy.setBytes(0, datagram, 0, LENGTH);
    }

    @TearDown
    public void release() {
        datagram.release();
        copy.release();
    }
}
