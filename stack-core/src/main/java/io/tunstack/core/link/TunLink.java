package io.tunstack.core.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tunstack.nativ.EventFd;
import io.tunstack.nativ.NativeException;
import io.tunstack.nativ.Poller;
import io.tunstack.nativ.TunDevice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PacketLink} over a Linux TUN device: packets are read into and written from pooled direct
 * buffers without copying; the loop sleeps in poll(2) on the TUN fd and an eventfd used for wake-ups.
 * I/O errors on a single packet are counted, not thrown, so one bad packet never stops the stack.
 */
public final class TunLink implements PacketLink {
    private final TunDevice tun;
    private final ByteBufAllocator alloc;
    private final int mtu;
    private final Poller poller = new Poller();
    private final EventFd wakeup;
    private final AtomicLong receiveErrors = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private ByteBuf spare;

    public TunLink(TunDevice tun, ByteBufAllocator alloc) throws NativeException {
        this.tun = tun;
        this.alloc = alloc;
        this.mtu = tun.mtu();
        this.wakeup = EventFd.open();
        poller.add(tun.fd());
        poller.add(wakeup.fd());
    }

    public TunDevice device() {
        return tun;
    }

    @Override
    public ByteBuf receive() {
        ByteBuf buf = spare != null ? spare : alloc.directBuffer(mtu, mtu);
        spare = null;
        try {
            if (tun.read(buf) > 0) {
                return buf;
            }
        } catch (IOException e) {
            receiveErrors.incrementAndGet();
            buf.clear();
        }
        spare = buf;
        return null;
    }

    @Override
    public void send(ByteBuf packet) {
        try {
            tun.write(packet);
        } catch (NativeException e) {
            sendErrors.incrementAndGet();
        } finally {
            packet.release();
        }
    }

    @Override
    public void await(long timeoutNanos) {
        try {
            poller.poll(Math.max(0, timeoutNanos));
            if (poller.isReadable(wakeup.fd())) {
                wakeup.drain();
            }
        } catch (NativeException e) {
            throw new UncheckedIOException("waiting on " + tun, e);
        }
    }

    @Override
    public void wakeup() {
        try {
            wakeup.signal();
        } catch (NativeException e) {
            throw new UncheckedIOException("waking the event loop of " + tun, e);
        }
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** Packets the device refused or that did not fit a buffer. */
    public long receiveErrors() {
        return receiveErrors.get();
    }

    public long sendErrors() {
        return sendErrors.get();
    }

    @Override
    public void close() {
        if (spare != null) {
            spare.release();
            spare = null;
        }
        tun.close();
        wakeup.close();
    }
}
