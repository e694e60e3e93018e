package io.tunstack.core.link;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory link. Packets {@link #inject injected} by a test (or sent by a connected peer) are
 * received by the stack; packets the stack sends go to the peer if there is one, otherwise into a
 * queue that a test {@link #takeSent takes} from. Safe between the stack's loop and other threads.
 */
public final class MemoryLink implements PacketLink {
    private final int mtu;
    private final ConcurrentLinkedQueue<ByteBuf> inbound = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ByteBuf> sent = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private final ReentrantLock sentLock = new ReentrantLock();
    private final Condition sentSignal = sentLock.newCondition();
    private boolean woken;
    private volatile MemoryLink peer;
    private volatile boolean closed;

    public MemoryLink(int mtu) {
        this.mtu = mtu;
    }

    /** Two links where what one sends, the other receives. */
    public static MemoryLink[] pair(int mtu) {
        MemoryLink a = new MemoryLink(mtu);
        MemoryLink b = new MemoryLink(mtu);
        a.peer = b;
        b.peer = a;
        return new MemoryLink[] {a, b};
    }

    /** Hands a packet to the stack as if it arrived on the wire. Takes ownership. */
    public void inject(ByteBuf packet) {
        if (closed) {
            packet.release();
            return;
        }
        inbound.add(packet);
        wakeup();
    }

    /** The next packet the stack sent, waiting up to {@code timeout}; {@code null} if none came. */
    public ByteBuf takeSent(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        sentLock.lock();
        try {
            ByteBuf packet;
            while ((packet = sent.poll()) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                sentSignal.awaitNanos(left);
            }
            return packet;
        } finally {
            sentLock.unlock();
        }
    }

    @Override
    public ByteBuf receive() {
        return inbound.poll();
    }

    @Override
    public void send(ByteBuf packet) {
        MemoryLink to = peer;
        if (closed) {
            packet.release();
        } else if (to != null) {
            to.inject(packet);
        } else {
            sentLock.lock();
            try {
                sent.add(packet);
                sentSignal.signalAll();
            } finally {
                sentLock.unlock();
            }
        }
    }

    @Override
    public void await(long timeoutNanos) {
        if (timeoutNanos <= 0 || !inbound.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            long left = timeoutNanos;
            while (!woken && inbound.isEmpty() && left > 0) {
                left = signal.awaitNanos(left);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeup() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public void close() {
        closed = true;
        releaseAll(inbound);
        releaseAll(sent);
    }

    private static void releaseAll(ConcurrentLinkedQueue<ByteBuf> queue) {
        ByteBuf packet;
        while ((packet = queue.poll()) != null) {
            packet.release();
        }
    }
}
