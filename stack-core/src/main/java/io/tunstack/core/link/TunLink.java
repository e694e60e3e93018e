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
 * A {@link PacketLink} over a Linux TUN device: packets are read into a pooled direct buffer, read into again
 * once handed back with no other holder ({@link #reclaim}), and written from the stack's buffers without copying
 * (the write is done on return, so the stack reuses them at once); the loop sleeps in poll(2) on the TUN fd and
 * an eventfd used for wake-ups. I/O errors on a single packet are counted, not thrown, so one bad packet never
 * stops the stack.
 *
 * <p>On a device opened with offloads (a {@link VirtioNetHeader} before every packet) the link strips the header
 * of what it receives and completes partial checksums, so the stack verifies checksums as usual; TCP
 * super-segments (up to 64 KiB, longer than {@link #mtu()}) are handed to the stack whole, as one in-window
 * segment. What it sends gets a zero header: no segmentation, the checksums in the packet are complete.
 * {@link #mtu()} stays the device MTU: the stack's own packets still have to fit it.
 */
public final class TunLink extends SynchronousLink {
    /** RFC 791 §3.1: Total Length is 16 bits. */
    private static final int MAX_IPV4_PACKET = 65_535;

    private final TunDevice tun;
    private final ByteBufAllocator alloc;
    private final int mtu;
    /** Bytes per receive buffer: the MTU, or with offloads the header plus the largest IPv4 packet. */
    private final int readCapacity;
    private final VirtioNetHeader receivedHeader = new VirtioNetHeader();
    /** The header sent in front of every packet with offloads (all zero), else null. */
    private final ByteBuf sendHeader;
    private final Poller poller = new Poller();
    private final EventFd wakeup;
    private final AtomicLong receiveErrors = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLong oversizePackets = new AtomicLong();
    private final AtomicLong checksumsCompleted = new AtomicLong();
    /** The packet receive() returned last came with F_DATA_VALID or had its partial checksum completed here. */
    private boolean validated;
    /** The buffer for the next read: kept after a read that brought nothing, or handed back with no other holder. */
    private ByteBuf spare;

    public TunLink(TunDevice tun, ByteBufAllocator alloc) throws NativeException {
        this.tun = tun;
        this.alloc = alloc;
        this.mtu = tun.mtu();
        int vnetHeaderSize = tun.vnetHeaderSize();
        if (vnetHeaderSize == 0) {
            this.readCapacity = mtu;
            this.sendHeader = null;
        } else if (vnetHeaderSize == VirtioNetHeader.LENGTH) {
            this.readCapacity = VirtioNetHeader.LENGTH + MAX_IPV4_PACKET;
            this.sendHeader = alloc.directBuffer(VirtioNetHeader.LENGTH, VirtioNetHeader.LENGTH);
            new VirtioNetHeader().writeTo(sendHeader);
        } else {
            throw new IllegalArgumentException(tun + " has a " + vnetHeaderSize + "-byte vnet header, expected "
                    + VirtioNetHeader.LENGTH);
        }
        this.wakeup = EventFd.open();
        poller.add(tun.fd());
        poller.add(wakeup.fd());
    }

    public TunDevice device() {
        return tun;
    }

    @Override
    public ByteBuf receive() {
        ByteBuf buf = spare != null ? spare : alloc.directBuffer(readCapacity, readCapacity);
        spare = null;
        validated = false;
        try {
            if (tun.read(buf) > 0) {
                if (sendHeader == null || unwrap(buf)) {
                    return buf;
                }
                increment(receiveErrors);
                buf.clear();
            }
        } catch (IOException e) {
            increment(receiveErrors);
            buf.clear();
        }
        spare = buf;
        return null;
    }

    /** The next read goes into the same buffer unless someone kept a reference to it. */
    @Override
    public void reclaim(ByteBuf packet) {
        if (spare == null && packet.refCnt() == 1) {
            spare = packet.clear();
        } else {
            packet.release();
        }
    }

    /**
     * Strips the virtio_net_hdr and completes a partial checksum. False for what the stack cannot take whole:
     * segmentation other than TCP over IPv4 (not enabled by TunDevice) or a checksum field outside the packet.
     */
    private boolean unwrap(ByteBuf buf) {
        // tun_put_user() (drivers/net/tun.c) writes the whole header before any packet byte.
        receivedHeader.read(buf, buf.readerIndex());
        buf.skipBytes(VirtioNetHeader.LENGTH);
        int gso = receivedHeader.gsoKind();
        if (gso != VirtioNetHeader.GSO_NONE && gso != VirtioNetHeader.GSO_TCPV4) {
            return false;
        }
        // F_DATA_VALID: the kernel validated the complete checksum in the packet. F_NEEDS_CSUM: a packet of the
        // local kernel's, whose checksum the kernel left for us; completed here, so that captures and links that
        // change bytes see a correct one. Either way the stack need not verify it again (checksumValidated()).
        if (receivedHeader.needsCsum()) {
            if (!PartialChecksum.complete(buf, receivedHeader.csumStart, receivedHeader.csumOffset)) {
                return false;
            }
            increment(checksumsCompleted);
            validated = true;
        } else {
            validated = receivedHeader.dataValid();
        }
        if (buf.readableBytes() > mtu) {
            increment(oversizePackets);
        }
        return true;
    }

    /** The event loop is the only writer: a plain add and a release store, no locked instruction per packet. */
    private static void increment(AtomicLong counter) {
        counter.lazySet(counter.get() + 1);
    }

    @Override
    public boolean checksumValidated() {
        return validated;
    }

    @Override
    public void transmit(ByteBuf packet) {
        try {
            if (sendHeader == null) {
                tun.write(packet);
            } else {
                tun.write(sendHeader, packet);
            }
        } catch (NativeException e) {
            increment(sendErrors);
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

    /** Received packets longer than {@link #mtu()}: TCP super-segments the kernel did not cut (offloads only). */
    public long oversizePackets() {
        return oversizePackets.get();
    }

    /** Received packets whose partial checksum (VIRTIO_NET_HDR_F_NEEDS_CSUM) this link completed. */
    public long checksumsCompleted() {
        return checksumsCompleted.get();
    }

    @Override
    public void close() {
        if (spare != null) {
            spare.release();
            spare = null;
        }
        if (sendHeader != null) {
            sendHeader.release();
        }
        tun.close();
        wakeup.close();
    }
}
