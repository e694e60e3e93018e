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
 * (b) A pure ACK (40-byte datagram, no payload) advancing SND.UNA on a connection with data in flight:
 * parse, checksums, lookup, send buffer discard, congestion window, retransmission timer restart.
 *
 * <p>Each ACK covers {@link #ACK_STEP} byte. Bytes acknowledged must first be sent, so an ACK of a full
 * segment would always release one new segment and measure the send path as well; with one-byte steps a
 * new segment goes out only every ~700 ACKs (sender SWS avoidance waits for a full MSS) and the send buffer is
 * refilled every 256 Ki ACKs, so the ACK path dominates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AckPathBenchmark {
    static final int ACK_STEP = 1;

    private TcpTestbed bed;
    private TcpConnection connection;
    private PeerPacket ack;
    private ByteBuf data;

    @Setup
    public void setUp() {
        bed = new TcpTestbed();
        connection = bed.open(1);
        ack = bed.segmentFrom(connection, TcpTestbed.PEER_ISS + 1, TcpTestbed.ISS + 1, new byte[0]);
        data = Unpooled.wrappedBuffer(Payloads.pattern(64 * 1024));
        refill();
    }

    @Benchmark
    public void pureAck() {
        if (ack.ack() == sentEnd()) {
            refill();
        }
        ack.ack(ack.ack() + ACK_STEP);
        bed.deliver(ack);
    }

    /** Sequence number after the last byte sent. */
    private int sentEnd() {
        return TcpTestbed.ISS + 1 + (int) bed.link.payloadBytesSent();
    }

    private void refill() {
        while (connection.sendBufferFree() > 0) {
            data.readerIndex(0);
            connection.send(data);
        }
        if (ack.ack() == sentEnd()) {
            throw new IllegalStateException("nothing in flight after a refill: " + connection);
        }
    }

    @TearDown
    public void check() {
        bed.verifyClean();
        ack.release();
    }
}
