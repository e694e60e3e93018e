package io.tunstack.core.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tunstack.core.stack.IpOutput;
import io.tunstack.core.time.VirtualClock;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * A lossy network between TCP layers on one virtual clock: every packet is independently lost, duplicated,
 * delayed and possibly reordered, all drawn from one seeded {@link Random}, so a run replays exactly.
 */
final class SimulatedPath {
    /** Impairments; probabilities in [0, 1], delays in nanoseconds. */
    record Impairments(double loss, double duplication, double reordering, long delayNanos, long reorderDelayNanos) {
    }

    private record InFlight(long at, long order, TcpLayer to, int src, int dst, ByteBuf packet) {
    }

    private final VirtualClock clock;
    private final Random random;
    private final Impairments impairments;
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private long order;
    long sent;
    long lost;
    long duplicated;
    /** Folds in every packet sent, with the time it was sent: equal runs on the wire have equal values. */
    long wireTrace;
    private final CRC32C crc = new CRC32C();

    SimulatedPath(VirtualClock clock, long seed, Impairments impairments) {
        this.clock = clock;
        this.random = new Random(seed);
        this.impairments = impairments;
    }

    /** The IpOutput through which {@code from}'s packets reach {@code to}. */
    IpOutput output(TcpLayer[] to) {
        return new IpOutput() {
            @Override
            public ByteBufAllocator alloc() {
                return TcpScript.ALLOC;
            }

            @Override
            public ByteBuf newPacket(int transportCapacity) {
                ByteBuf b = Unpooled.buffer(IPV4_HEADER_LENGTH + transportCapacity);
                b.writerIndex(IPV4_HEADER_LENGTH).readerIndex(IPV4_HEADER_LENGTH);
                return b;
            }

            @Override
            public void send(int srcAddr, int dstAddr, int protocol, ByteBuf packet) {
                transmit(to[0], srcAddr, dstAddr, packet);
            }
        };
    }

    private void transmit(TcpLayer to, int src, int dst, ByteBuf packet) {
        sent++;
        crc.reset();
        crc.update(packet.nioBuffer());
        wireTrace = (wireTrace * 1_000_003 + crc.getValue()) * 1_000_003 + clock.nanoTime();
        int copies = random.nextDouble() < impairments.duplication() ? 2 : 1;
        duplicated += copies - 1;
        for (int i = 0; i < copies; i++) {
            if (random.nextDouble() < impairments.loss()) {
                lost++;
                continue;
            }
            long delay = impairments.delayNanos();
            if (random.nextDouble() < impairments.reordering()) {
                delay += (long) (random.nextDouble() * impairments.reorderDelayNanos());
            }
            inFlight.add(new InFlight(clock.nanoTime() + delay, order++, to, src, dst, packet.retainedDuplicate()));
        }
        packet.release();
    }

    long nextArrival() {
        InFlight head = inFlight.peek();
        return head == null ? Long.MAX_VALUE : head.at;
    }

    /** Delivers every packet due by now. */
    void deliverDue() {
        while (!inFlight.isEmpty() && inFlight.peek().at <= clock.nanoTime()) {
            InFlight p = inFlight.poll();
            p.to.input(p.src, p.dst, p.packet, clock.nanoTime());
            p.packet.release();
        }
    }

    /** Runs the network and both layers' timers until {@code done} or {@code limitNanos} of virtual time. */
    void run(TcpLayer a, TcpLayer b, java.util.function.BooleanSupplier done, long limitNanos) {
        long end = clock.nanoTime() + limitNanos;
        while (!done.getAsBoolean()) {
            long next = Math.min(nextArrival(), Math.min(a.nextDeadline(), b.nextDeadline()));
            if (next == Long.MAX_VALUE || next > end) {
                return;
            }
            clock.advanceTo(next);
            deliverDue();
            if (a.nextDeadline() <= clock.nanoTime()) {
                a.onTimer(clock.nanoTime());
            }
            if (b.nextDeadline() <= clock.nanoTime()) {
                b.onTimer(clock.nanoTime());
            }
        }
    }
}
