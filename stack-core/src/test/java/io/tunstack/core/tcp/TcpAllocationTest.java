package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.LOCAL;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static io.tunstack.core.tcp.TcpScript.REMOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tunstack.core.stack.IpOutput;
import io.tunstack.core.time.VirtualClock;
import io.tunstack.core.wire.TcpHeader;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The established in-order receive path (segment in, data read, delayed ACKs out) allocates nothing. */
class TcpAllocationTest {
    private static final int PAYLOAD = 1000;

    /**
     * A link that transmits synchronously: every packet is written into the same buffer and consumed at once.
     * (The pooled allocator's own per-allocation bookkeeping would otherwise be measured, not the TCP path.)
     */
    private static final class SynchronousOutput implements IpOutput {
        private final ByteBuf packet = Unpooled.directBuffer(IPV4_HEADER_LENGTH + TcpHeader.MAX_LENGTH + 2048);
        long packets;

        @Override
        public ByteBufAllocator alloc() {
            return TcpScript.ALLOC;
        }

        @Override
        public ByteBuf newPacket(int transportCapacity) {
            return packet.clear().writerIndex(IPV4_HEADER_LENGTH).readerIndex(IPV4_HEADER_LENGTH);
        }

        @Override
        public void send(int srcAddr, int dstAddr, int protocol, ByteBuf sent) {
            packets++;
        }
    }

    /** Reads everything into one reused buffer. */
    private static final class Drain implements TcpHandler {
        final ByteBuf sink = Unpooled.directBuffer(64 * 1024);
        long bytes;

        @Override
        public void onReadable(TcpConnection c) {
            sink.clear();
            bytes += c.receive(sink);
        }
    }

    @Test
    void inOrderReceivePathAllocatesNothing() {
        VirtualClock clock = new VirtualClock(TcpScript.START_NANOS);
        SynchronousOutput out = new SynchronousOutput();
        TcpLayer layer = new TcpLayer(out, TcpScript.baseConfig().timestamps(true).build(), clock, TcpEventSink.NONE);
        Drain drain = new Drain();
        TcpConnection[] accepted = new TcpConnection[1];
        layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> {
            c.setHandler(drain);
            accepted[0] = c;
        });
        deliver(layer, clock, seg().syn().seq(PEER_ISS).mss(1460).ts(1, 0));
        deliver(layer, clock, seg().seq(PEER_ISS + 1).ack(ISS + 1).ts(2, 1000));
        assertEquals(TcpState.ESTABLISHED, accepted[0].state());

        ByteBuf segment = build(seg().seq(0).ack(ISS + 1).ts(3, 1000).payload(new byte[PAYLOAD]));
        int[] seq = {PEER_ISS + 1};
        int[] tsVal = {3};
        Runnable burst = () -> {
            for (int i = 0; i < 10_000; i++) {
                segment.setInt(4, seq[0]);
                segment.setInt(segment.readableBytes() - PAYLOAD - 8, tsVal[0]++); // TSval grows
                TcpHeader.fillChecksum(segment, 0, segment.readableBytes(), REMOTE, LOCAL);
                clock.advanceNanos(10_000);
                layer.input(REMOTE, LOCAL, segment, clock.nanoTime());
                if (layer.nextDeadline() <= clock.nanoTime()) {
                    layer.onTimer(clock.nanoTime());
                }
                seq[0] += PAYLOAD;
            }
        };
        burst.run(); // warm-up: JIT, pool thread caches
        burst.run();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        burst.run();
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(30_000L * PAYLOAD, drain.bytes);
        assertTrue(out.packets >= 15_000, "an ACK for every second segment: " + out.packets);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes for 10,000 segments");
        segment.release();
    }

    private static void deliver(TcpLayer layer, VirtualClock clock, Seg s) {
        ByteBuf b = build(s);
        layer.input(REMOTE, LOCAL, b, clock.nanoTime());
        b.release();
    }

    private static ByteBuf build(Seg s) {
        TcpHeader h = new TcpHeader();
        s.fill(h);
        ByteBuf b = Unpooled.directBuffer(TcpHeader.MAX_LENGTH + s.payload.length);
        int headerLength = h.writeTo(b);
        b.writeBytes(s.payload);
        TcpHeader.fillChecksum(b, 0, headerLength + s.payload.length, REMOTE, LOCAL);
        return b;
    }
}
