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
 * (c) The send path: the application writes 1460 bytes, which are copied into the send buffer and leave at
 * once as one full segment: segmentization from the send buffer, TCP header and checksum, IPv4 header and
 * checksum, a pooled packet buffer handed to the link. The peer acknowledges everything every
 * {@link #ACK_EVERY} segments (one pure ACK through the receive path, 1/32 of it in each operation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SendPathBenchmark {
    static final int ACK_EVERY = 32;

    private TcpTestbed bed;
    private TcpConnection connection;
    private PeerPacket ack;
    private ByteBuf data;
    private long written;

    @Setup
    public void setUp() {
        bed = new TcpTestbed();
        connection = bed.open(1);
        ack = bed.segmentFrom(connection, TcpTestbed.PEER_ISS + 1, TcpTestbed.ISS + 1, new byte[0]);
        data = Unpooled.directBuffer(TcpTestbed.MSS).writeBytes(Payloads.pattern(TcpTestbed.MSS));
    }

    @Benchmark
    public int writeSegment() {
        data.readerIndex(0);
        int n = connection.send(data);
        written += n;
        long unacked = bed.link.payloadBytesSent() - (ack.ack() - TcpTestbed.ISS - 1);
        if (unacked >= ACK_EVERY * TcpTestbed.MSS || connection.sendBufferFree() < TcpTestbed.MSS) {
            ack.ack(TcpTestbed.ISS + 1 + (int) bed.link.payloadBytesSent());
            bed.deliver(ack);
        }
        return n;
    }

    /** Fails unless every write was taken and (all but what cwnd still holds back) transmitted. */
    @TearDown
    public void check() {
        long queued = written - bed.link.payloadBytesSent();
        if (queued < 0 || queued > 64L * TcpTestbed.MSS) {
            throw new IllegalStateException("wrote " + written + ", sent " + bed.link.payloadBytesSent());
        }
        bed.verifyClean();
        ack.release();
        data.release();
    }
}
