package io.tunstack.bench.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.tcp.TcpConnection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * (a) The receive fast path: one in-order 1460-byte segment in a 1500-byte datagram on an established
 * connection, through {@code NetStack.poll}: IPv4 parse and header checksum, TCP parse, lookup among
 * {@link #connections}, the TCP checksum verified as the payload is copied into the receive buffer
 * (checksum-and-copy), an ACK sent for every second segment. The application drains the receive buffer every
 * {@link #DRAIN_EVERY} segments, so that copy is in the cost too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReceivePathBenchmark {
    static final int DRAIN_EVERY = 16;

    @Param({"1", "10000"})
    int connections;

    private TcpTestbed bed;
    private TcpConnection connection;
    private PeerPacket segment;
    private ByteBuf sink;
    private int sinceDrain;
    private long segments;
    private long drained;

    @Setup
    public void setUp() {
        bed = new TcpTestbed();
        connection = bed.open(connections);
        segment = bed.segmentFrom(connection, TcpTestbed.PEER_ISS + 1, TcpTestbed.ISS + 1, Payloads.pattern(TcpTestbed.MSS));
        sink = Unpooled.directBuffer(DRAIN_EVERY * TcpTestbed.MSS);
    }

    @Benchmark
    public int inOrderSegment() {
        bed.deliver(segment);
        segment.seq(segment.seq() + TcpTestbed.MSS);
        segments++;
        if (++sinceDrain < DRAIN_EVERY) {
            return sinceDrain;
        }
        sinceDrain = 0;
        sink.clear();
        int n = connection.receive(sink);
        drained += n;
        return n;
    }

    /** Fails the run if any segment was not taken in order (the benchmark would measure a drop path). */
    @TearDown
    public void check() {
        long expected = segments * TcpTestbed.MSS;
        if (drained + connection.readableBytes() != expected) {
            throw new IllegalStateException("received " + (drained + connection.readableBytes()) + " of " + expected + " bytes");
        }
        bed.verifyClean();
        segment.release();
        sink.release();
    }
}
