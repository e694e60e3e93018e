package io.tunstack.cli.sim;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tunstack.core.link.Impairment;
import io.tunstack.core.link.ImpairmentLink;
import io.tunstack.core.link.PacketLink;
import io.tunstack.core.stack.NetStack;
import io.tunstack.core.tcp.TcpConfig;
import io.tunstack.core.tcp.TcpConnection;
import io.tunstack.core.tcp.TcpEvent;
import io.tunstack.core.tcp.TcpEventSink;
import io.tunstack.core.tcp.TcpHandler;
import io.tunstack.core.tcp.TcpLayer;
import io.tunstack.core.time.VirtualClock;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A bulk transfer between two tunstack TCP layers over a {@link BottleneckLink} with seeded loss and
 * reordering ({@link ImpairmentLink}), all on one {@link VirtualClock}: the loop jumps the clock to the next
 * deadline of either stack, so a run takes no real time to wait and the same seed gives the same result.
 */
public final class Simulation {
    static final int SENDER = Ipv4Address.parse("10.0.0.1");
    static final int RECEIVER = Ipv4Address.parse("10.0.0.2");
    static final int PORT = 5001;
    private static final int CHUNK = 64 * 1024;

    /** What to simulate. Exactly one of {@code bytes} and {@code durationNanos} limits the transfer. */
    public record Spec(long bitsPerSecond, long delayNanos, double loss, double reorder, int queue, TcpConfig tcp,
            long seed, long bytes, long durationNanos) {
    }

    /** What happened: bytes delivered in order, virtual time taken, the sender's counters and RTT samples. */
    public record Result(long bytesDelivered, long nanos, long timeoutRetransmissions, long fastRetransmissions,
            long tailDrops, long randomDrops, List<Long> rttSamplesNanos, boolean completed) {
        public double megabitsPerSecond() {
            return nanos == 0 ? 0 : bytesDelivered * 8e3 / nanos;
        }
    }

    private Simulation() {
    }

    /**
     * Runs {@code spec}; {@code events} sees the sender's TCP events and {@code decorate} may wrap the
     * sender's link (e.g. for a pcap or the in-flight tracker).
     */
    public static Result run(Spec spec, VirtualClock clock, TcpEventSink events, UnaryOperator<PacketLink> decorate) {
        BottleneckLink[] path = BottleneckLink.pair(clock, spec.bitsPerSecond(), spec.delayNanos(), spec.queue(),
                spec.tcp().mtu());
        // Reordered packets are held back by one extra one-way delay (at least 1 ms).
        Impairment impairment = Impairment.NONE.withLoss(spec.loss())
                .withReorder(spec.reorder(), Math.max(spec.delayNanos(), 1_000_000));
        ImpairmentLink impaired = new ImpairmentLink(path[0], clock, spec.seed(), impairment, impairment);
        List<Long> rtts = new ArrayList<>();
        TcpEventSink senderEvents = e -> {
            if (e instanceof TcpEvent.RttSample r) {
                rtts.add(r.rttNanos());
            }
            events.onEvent(e);
        };
        NetStack senderIp = new NetStack(decorate.apply(impaired), SENDER, UnpooledByteBufAllocator.DEFAULT);
        NetStack receiverIp = new NetStack(path[1], RECEIVER, UnpooledByteBufAllocator.DEFAULT);
        TcpLayer senderTcp = new TcpLayer(senderIp, spec.tcp(), clock, senderEvents);
        TcpLayer receiverTcp = new TcpLayer(receiverIp, spec.tcp(), clock, TcpEventSink.NONE);
        senderIp.register(IpProtocol.TCP, senderTcp);
        receiverIp.register(IpProtocol.TCP, receiverTcp);

        Sink sink = new Sink(clock);
        receiverTcp.listen(RECEIVER, PORT, 1, c -> c.setHandler(sink));
        long start = clock.nanoTime();
        Source source = new Source(spec.bytes() > 0 ? spec.bytes() : Long.MAX_VALUE);
        TcpConnection connection = senderTcp.connect(SENDER, RECEIVER, PORT, source);
        long end = spec.durationNanos() > 0 ? start + spec.durationNanos() : Long.MAX_VALUE;
        while (!sink.finished) {
            long next = Math.min(senderIp.nextDeadline(), receiverIp.nextDeadline());
            if (next == Long.MAX_VALUE || next > end) {
                clock.advanceTo(Math.min(end, Math.max(clock.nanoTime(), next == Long.MAX_VALUE ? end : next)));
                break;
            }
            clock.advanceTo(next);
            senderIp.poll(clock.nanoTime());
            receiverIp.poll(clock.nanoTime());
        }
        long nanos = (sink.finished ? sink.finishedAt : clock.nanoTime()) - start;
        Result result = new Result(sink.received, nanos, connection.stats().timeoutRetransmissions(),
                connection.stats().fastRetransmissions(), path[0].tailDrops() + path[1].tailDrops(),
                impaired.inboundStats().dropped.get() + impaired.outboundStats().dropped.get(), List.copyOf(rtts),
                sink.finished);
        senderIp.close();
        receiverIp.close();
        return result;
    }

    /** The sending application: writes {@code total} bytes as fast as the send buffer takes them, then FIN. */
    private static final class Source implements TcpHandler {
        private final ByteBuf chunk = Unpooled.wrappedBuffer(new byte[CHUNK]);
        private long left;

        Source(long total) {
            left = total;
        }

        @Override
        public void onConnected(TcpConnection c) {
            onWritable(c);
        }

        @Override
        public void onWritable(TcpConnection c) {
            if (left < 0) {
                return;
            }
            while (left > 0) {
                chunk.setIndex(0, (int) Math.min(CHUNK, left));
                int sent = c.send(chunk);
                left -= sent;
                if (sent == 0) {
                    return;
                }
            }
            c.shutdownOutput();
            left = -1;
        }
    }

    /** The receiving application: counts in-order bytes and closes after the sender's FIN. */
    private static final class Sink implements TcpHandler {
        private final ByteBuf buffer = Unpooled.buffer(CHUNK);
        private final VirtualClock clock;
        long received;
        boolean finished;
        long finishedAt;

        Sink(VirtualClock clock) {
            this.clock = clock;
        }

        @Override
        public void onReadable(TcpConnection c) {
            int n;
            do {
                buffer.clear();
                n = c.receive(buffer);
                received += n;
            } while (n > 0);
            if (c.isInputShutdown() && !finished) {
                finished = true;
                finishedAt = clock.nanoTime();
                c.close();
            }
        }
    }
}
