package io.tunstack.bench.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.tcp.TcpConnection;
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
 * (d) Out-of-order arrival: a 1460-byte segment lands beyond a one-segment hole at RCV.NXT, is stored at its
 * offset in the receive buffer, joins the reassembly queue, and is answered at once by a duplicate ACK with
 * SACK blocks. After {@link #BATCH} such segments the hole is filled (everything becomes in-order) and the
 * application drains the 48 KiB; 1/32 of that is in each operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OutOfOrderBenchmark {
    static final int BATCH = 32;

    private TcpTestbed bed;
    private TcpConnection connection;
    private PeerPacket segment;
    private ByteBuf sink;
    private int holeSeq = TcpTestbed.PEER_ISS + 1;
    private int pending;

    @Setup
    public void setUp() {
        bed = new TcpTestbed();
        connection = bed.open(1);
        segment = bed.segmentFrom(connection, holeSeq, TcpTestbed.ISS + 1, Payloads.pattern(TcpTestbed.MSS));
        sink = Unpooled.directBuffer((BATCH + 1) * TcpTestbed.MSS);
    }

    @Benchmark
    public void outOfOrderSegment() {
        if (pending == BATCH) {
            fillHole();
        }
        pending++;
        segment.seq(holeSeq + pending * TcpTestbed.MSS);
        bed.deliver(segment);
    }

    private void fillHole() {
        segment.seq(holeSeq);
        bed.deliver(segment);
        sink.clear();
        int n = connection.receive(sink);
        if (n != (BATCH + 1) * TcpTestbed.MSS) {
            throw new IllegalStateException("hole filled but only " + n + " bytes readable");
        }
        holeSeq += n;
        pending = 0;
    }

    @TearDown
    public void check() {
        bed.verifyClean();
        segment.release();
        sink.release();
    }
}
