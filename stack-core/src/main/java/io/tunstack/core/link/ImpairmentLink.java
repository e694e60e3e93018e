package io.tunstack.core.link;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.time.Clock;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A link decorator that impairs packets the way a bad path would: seeded random loss, delay,
 * jitter, reordering, duplication and bit corruption, configured per direction. This kernel has no
 * netem, so this is how impairment reaches tests against the real kernel as well as simulations.
 * The same seed, clock and input give the same output. Held packets are released from
 * {@link #receive()}, which the event loop calls on every turn, and {@link #nextDeadline()} tells the
 * loop when the next one is due.
 */
public final class ImpairmentLink extends LinkDecorator {
    private final Clock clock;
    private final Direction inbound;
    private final Direction outbound;
    private final ArrayDeque<ByteBuf> ready = new ArrayDeque<>();
    private final ArrayDeque<ByteBuf> sendNow = new ArrayDeque<>(2);

    public ImpairmentLink(PacketLink inner, Clock clock, long seed, Impairment in, Impairment out) {
        super(inner);
        this.clock = clock;
        SplittableRandom random = new SplittableRandom(seed);
        this.inbound = new Direction(in, random.split());
        this.outbound = new Direction(out, random.split());
    }

    @Override
    public ByteBuf receive() {
        long now = clock.nanoTime();
        ByteBuf due;
        while ((due = outbound.poll(now)) != null) {
            inner.send(due);
        }
        ByteBuf packet;
        while ((packet = inner.receive()) != null) {
            inbound.offer(packet, now, ready);
        }
        while ((due = inbound.poll(now)) != null) {
            ready.add(due);
        }
        return ready.poll();
    }

    @Override
    public void send(ByteBuf packet) {
        outbound.offer(packet, clock.nanoTime(), sendNow);
        ByteBuf out;
        while ((out = sendNow.poll()) != null) {
            inner.send(out);
        }
    }

    @Override
    public void await(long timeoutNanos) {
        if (!ready.isEmpty()) {
            return;
        }
        long due = Math.min(inbound.nextDue(), outbound.nextDue());
        inner.await(due == Long.MAX_VALUE ? timeoutNanos : Math.min(timeoutNanos, due - clock.nanoTime()));
    }

    @Override
    public long nextDeadline() {
        long due = Math.min(inbound.nextDue(), outbound.nextDue());
        return ready.isEmpty() ? Math.min(due, inner.nextDeadline()) : clock.nanoTime();
    }

    /** Counters of what was done to the packets going to the stack. */
    public Stats inboundStats() {
        return inbound.stats;
    }

    /** Counters of what was done to the packets the stack sent. */
    public Stats outboundStats() {
        return outbound.stats;
    }

    @Override
    public void close() {
        inbound.clear();
        outbound.clear();
        ready.forEach(ByteBuf::release);
        ready.clear();
        super.close();
    }

    /** How many packets one direction passed, dropped, duplicated, corrupted and reordered. */
    public static final class Stats {
        public final AtomicLong passed = new AtomicLong();
        public final AtomicLong dropped = new AtomicLong();
        public final AtomicLong duplicated = new AtomicLong();
        public final AtomicLong corrupted = new AtomicLong();
        public final AtomicLong reordered = new AtomicLong();

        @Override
        public String toString() {
            return "passed=" + passed + " dropped=" + dropped + " duplicated=" + duplicated + " corrupted="
                    + corrupted + " reordered=" + reordered;
        }
    }

    private record Held(long due, long order, ByteBuf packet) {
    }

    /** One direction's impairment: its own random stream and queue of held packets. */
    private static final class Direction {
        private final Impairment impairment;
        private final SplittableRandom random;
        private final PriorityQueue<Held> held = new PriorityQueue<>((a, b) -> a.due != b.due
                ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
        private final Stats stats = new Stats();
        private long lastInOrderDue;
        private long order;

        Direction(Impairment impairment, SplittableRandom random) {
            this.impairment = impairment;
            this.random = random;
        }

        /** Impairs {@code packet}; what may go at once is added to {@code immediate}, the rest is held. */
        void offer(ByteBuf packet, long now, ArrayDeque<ByteBuf> immediate) {
            if (chance(impairment.loss())) {
                stats.dropped.incrementAndGet();
                packet.release();
                return;
            }
            if (chance(impairment.duplicate())) {
                stats.duplicated.incrementAndGet();
                schedule(packet.copy(), now, immediate);
            }
            schedule(packet, now, immediate);
        }

        private void schedule(ByteBuf packet, long now, ArrayDeque<ByteBuf> immediate) {
            if (chance(impairment.corrupt()) && packet.isReadable()) {
                stats.corrupted.incrementAndGet();
                int bit = random.nextInt(packet.readableBytes() * 8);
                int index = packet.readerIndex() + bit / 8;
                packet.setByte(index, packet.getByte(index) ^ (1 << (bit % 8)));
            }
            stats.passed.incrementAndGet();
            if (!impairment.delays() && held.isEmpty()) {
                immediate.add(packet);
                return;
            }
            long due = now + impairment.delay() + (impairment.jitter() > 0 ? random.nextLong(impairment.jitter() + 1) : 0);
            if (chance(impairment.reorder())) {
                stats.reordered.incrementAndGet();
                due += impairment.reorderDelay();
            } else {
                // Without reordering, jitter must not change the order of packets (as on a real queue).
                due = Math.max(due, lastInOrderDue);
                lastInOrderDue = due;
            }
            held.add(new Held(due, order++, packet));
        }

        ByteBuf poll(long now) {
            Held next = held.peek();
            if (next == null || next.due > now) {
                return null;
            }
            return held.poll().packet;
        }

        long nextDue() {
            Held next = held.peek();
            return next == null ? Long.MAX_VALUE : next.due;
        }

        private boolean chance(double p) {
            return p > 0 && random.nextDouble() < p;
        }

        void clear() {
            held.forEach(h -> h.packet.release());
            held.clear();
        }
    }
}
