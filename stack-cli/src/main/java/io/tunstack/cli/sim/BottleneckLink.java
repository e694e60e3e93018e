package io.tunstack.cli.sim;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.link.PacketLink;
import io.tunstack.core.time.Clock;
import java.util.ArrayDeque;

/**
 * One end of a simulated point-to-point path with a bottleneck in each direction: packets are serialized at
 * {@code rate} bits per second behind a FIFO of at most {@code queue} packets (tail drop when full), then
 * take {@code delay} to propagate. Deterministic: all times come from the shared virtual clock.
 */
public final class BottleneckLink implements PacketLink {
    /** A packet on its way, arriving at the far end at {@code arrival}. */
    private record InFlight(long departure, long arrival, ByteBuf packet) {
    }

    private final Clock clock;
    private final long bitsPerSecond;
    private final long delayNanos;
    private final int queue;
    private final int mtu;
    private final ArrayDeque<InFlight> outbound = new ArrayDeque<>();
    private BottleneckLink peer;
    private long lastDeparture;
    private long tailDrops;

    private BottleneckLink(Clock clock, long bitsPerSecond, long delayNanos, int queue, int mtu) {
        this.clock = clock;
        this.bitsPerSecond = bitsPerSecond;
        this.delayNanos = delayNanos;
        this.queue = queue;
        this.mtu = mtu;
    }

    /** Both ends of a path with the same rate, one-way delay and queue limit in each direction. */
    public static BottleneckLink[] pair(Clock clock, long bitsPerSecond, long delayNanos, int queue, int mtu) {
        if (bitsPerSecond <= 0 || delayNanos < 0 || queue < 1) {
            throw new IllegalArgumentException("rate must be positive, delay not negative, queue at least 1 packet");
        }
        BottleneckLink a = new BottleneckLink(clock, bitsPerSecond, delayNanos, queue, mtu);
        BottleneckLink b = new BottleneckLink(clock, bitsPerSecond, delayNanos, queue, mtu);
        a.peer = b;
        b.peer = a;
        return new BottleneckLink[] {a, b};
    }

    @Override
    public void send(ByteBuf packet) {
        long now = clock.nanoTime();
        long waiting = outbound.stream().filter(p -> p.departure > now).count();
        if (waiting >= queue) {
            tailDrops++;
            packet.release();
            return;
        }
        long serialization = packet.readableBytes() * 8L * 1_000_000_000L / bitsPerSecond;
        lastDeparture = Math.max(now, lastDeparture) + serialization;
        outbound.add(new InFlight(lastDeparture, lastDeparture + delayNanos, packet));
    }

    /** The next packet the peer sent that has arrived by now. */
    @Override
    public ByteBuf receive() {
        InFlight head = peer.outbound.peek();
        if (head == null || head.arrival > clock.nanoTime()) {
            return null;
        }
        return peer.outbound.poll().packet;
    }

    /** When the next of the peer's packets arrives here. */
    @Override
    public long nextDeadline() {
        InFlight head = peer.outbound.peek();
        return head == null ? Long.MAX_VALUE : head.arrival;
    }

    /** Packets this end's queue dropped because it was full. */
    public long tailDrops() {
        return tailDrops;
    }

    @Override
    public void await(long timeoutNanos) {
        // virtual time: the simulation loop advances the clock instead of waiting
    }

    @Override
    public void wakeup() {
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public void close() {
        outbound.forEach(p -> p.packet.release());
        outbound.clear();
    }
}
