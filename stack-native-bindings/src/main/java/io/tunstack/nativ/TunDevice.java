package io.tunstack.nativ;

import java.io.IOException;

import io.netty.buffer.ByteBuf;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * An attached Linux TUN interface (Documentation/networking/tuntap.rst): each {@link #read} returns one IP
 * packet the kernel routed to the interface, each {@link #write} injects one IP packet into the kernel.
 * The fd is non-blocking and opened with IFF_TUN | IFF_NO_PI, so packets carry no extra header, unless opened
 * with offloads ({@link #open(String, String, boolean)}): then every packet read and written is preceded by a
 * {@value #VNET_HDR_SIZE}-byte struct virtio_net_hdr, and the kernel may hand over TCP super-segments of up to
 * 64 KiB with partial checksums (IFF_VNET_HDR, TUNSETOFFLOAD TUN_F_CSUM | TUN_F_TSO4).
 * Direct buffers are read and written in place, without copying. Not thread-safe except for {@link #close}
 * being idempotent.
 */
public final class TunDevice implements AutoCloseable {
    private static final String CLONE_DEVICE = "/dev/net/tun";
    /**
     * sizeof(struct virtio_net_hdr), <linux/virtio_net.h>: the header without num_buffers. The 12-byte
     * virtio_net_hdr_mrg_rxbuf only adds num_buffers, which counts the receive buffers a packet is merged from
     * (VIRTIO_NET_F_MRG_RXBUF); a TUN read or write always moves one packet in one buffer, so it would be unused.
     */
    public static final int VNET_HDR_SIZE = 10;
    /** The offloads asked for with a vnet header: partial checksums and IPv4 TSO, nothing else (no UFO/USO, no TSO6). */
    private static final int OFFLOADS = LibC.TUN_F_CSUM | LibC.TUN_F_TSO4;
    private static final int IOVEC_SIZE = 16;

    private final String name;
    private final String netns;
    private int fd;
    /** An AF_INET socket in the device's namespace, for interface ioctls (netdevice(7)). */
    private int controlSocket;
    private final int vnetHeaderSize;
    /** Two struct iovec for {@link #write(ByteBuf, ByteBuf)}. */
    private final Pointer iovecs = Memory.allocateDirect(LibC.RUNTIME, 2 * IOVEC_SIZE);

    private TunDevice(String name, String netns, int fd, int controlSocket, int vnetHeaderSize) {
        this.name = name;
        this.netns = netns;
        this.fd = fd;
        this.controlSocket = controlSocket;
        this.vnetHeaderSize = vnetHeaderSize;
    }

    /** Attaches to (or creates) TUN interface {@code name} in the caller's network namespace. */
    public static TunDevice open(String name) throws NativeException {
        return open(name, null);
    }

    /**
     * Attaches to (or creates) TUN interface {@code name} inside network namespace {@code netnsOrNull}
     * ({@code /var/run/netns/NAME}; null for the caller's own). The calling thread returns to its own
     * namespace before this method returns; the device stays in {@code netnsOrNull}.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid interface name (1-15 characters)
     * @throws NativeException if the device cannot be opened, e.g. the name is in use or permission is lacking
     */
    public static TunDevice open(String name, String netnsOrNull) throws NativeException {
        return open(name, netnsOrNull, false);
    }

    /**
     * {@link #open(String, String)}, with {@code offloads}: IFF_VNET_HDR with a {@value #VNET_HDR_SIZE}-byte
     * little-endian header (TUNSETVNETHDRSZ, TUNSETVNETLE: the virtio 1.x byte order on every host) and
     * TUNSETOFFLOAD TUN_F_CSUM | TUN_F_TSO4. Without, the device's offloads are switched off: they belong to the
     * device, not to the fd, so a persistent TUN keeps those of an earlier offload user (drivers/net/tun.c
     * set_offload), and a reader without vnet header could not tell a super-segment's partial checksum.
     */
    public static TunDevice open(String name, String netnsOrNull, boolean offloads) throws NativeException {
        Ifreq.checkName(name);
        if (netnsOrNull == null) {
            return attach(name, null, offloads);
        }
        return NetNamespace.run(netnsOrNull, () -> attach(name, netnsOrNull, offloads));
    }

    private static TunDevice attach(String requestedName, String netns, boolean offloads) throws NativeException {
        int fd = LibC.INSTANCE.open(CLONE_DEVICE, LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0) {
            int errno = Errno.last();
            if (errno == Errno.ENOENT) {
                throw new NativeException("open(" + CLONE_DEVICE + ")", errno, "no " + CLONE_DEVICE
                        + " (tun module not loaded?)");
            }
            throw NativeException.of("open(" + CLONE_DEVICE + ")", errno);
        }
        try {
            Ifreq request = new Ifreq(requestedName);
            request.flags((short) (LibC.IFF_TUN | LibC.IFF_NO_PI | (offloads ? LibC.IFF_VNET_HDR : 0)));
            if (LibC.INSTANCE.ioctl(fd, LibC.TUNSETIFF, request.pointer()) < 0) {
                throw setIffFailure(requestedName, Errno.last());
            }
            if (offloads) {
                setIntOption(fd, LibC.TUNSETVNETHDRSZ, VNET_HDR_SIZE, "TUNSETVNETHDRSZ");
                setIntOption(fd, LibC.TUNSETVNETLE, 1, "TUNSETVNETLE");
            }
            if (LibC.INSTANCE.ioctl(fd, LibC.TUNSETOFFLOAD, offloads ? OFFLOADS : 0) < 0) {
                throw NativeException.last("ioctl(TUNSETOFFLOAD, " + requestedName + ")");
            }
            setNonBlocking(fd);
            int controlSocket = LibC.INSTANCE.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
            if (controlSocket < 0) {
                throw NativeException.last("socket(AF_INET, SOCK_DGRAM)");
            }
            return new TunDevice(request.name(), netns, fd, controlSocket, offloads ? VNET_HDR_SIZE : 0);
        } catch (NativeException e) {
            Fd.close(fd);
            throw e;
        }
    }

    /** The cases of tun_set_iff() and tun_attach() in drivers/net/tun.c a user can act on. */
    private static NativeException setIffFailure(String name, int errno) {
        String operation = "ioctl(TUNSETIFF, " + name + ")";
        if (errno == Errno.EBUSY) {
            return new NativeException(operation, errno, "interface name in use");
        }
        if (errno == Errno.EINVAL) {
            return new NativeException(operation, errno,
                    name + " exists but is not a single-queue TUN device");
        }
        return NativeException.of(operation, errno);
    }

    private static void setIntOption(int fd, long request, int value, String requestName) throws NativeException {
        Pointer argument = Memory.allocateDirect(LibC.RUNTIME, Integer.BYTES);
        argument.putInt(0, value);
        if (LibC.INSTANCE.ioctl(fd, request, argument) < 0) {
            throw NativeException.last("ioctl(" + requestName + ", " + value + ")");
        }
    }

    private static void setNonBlocking(int fd) throws NativeException {
        int flags = LibC.INSTANCE.fcntl(fd, LibC.F_GETFL, 0);
        if (flags < 0 || LibC.INSTANCE.fcntl(fd, LibC.F_SETFL, flags | LibC.O_NONBLOCK) < 0) {
            throw NativeException.last("fcntl(O_NONBLOCK)");
        }
    }

    /** The interface name the kernel attached to. */
    public String name() {
        return name;
    }

    /** The file descriptor, for {@link Poller}; -1 once closed. */
    public int fd() {
        return fd;
    }

    /** {@value #VNET_HDR_SIZE} when opened with offloads (every packet starts with a virtio_net_hdr), else 0. */
    public int vnetHeaderSize() {
        return vnetHeaderSize;
    }

    /** The interface's current MTU (SIOCGIFMTU, netdevice(7)). */
    public int mtu() throws NativeException {
        ensureOpen();
        Ifreq request = new Ifreq(name);
        if (LibC.INSTANCE.ioctl(controlSocket, LibC.SIOCGIFMTU, request.pointer()) < 0) {
            throw NativeException.last("ioctl(SIOCGIFMTU, " + describe() + ")");
        }
        return request.intValue();
    }

    /**
     * Reads one packet, preceded by its virtio_net_hdr when opened with offloads ({@link #vnetHeaderSize()}), into
     * {@code dst}'s writable bytes and advances its writer index.
     *
     * @return the length read, header included, or 0 when no packet is waiting
     * @throws IOException if the packet did not fit (the kernel drops the rest), so give at least
     *                     {@link #mtu()} writable bytes, with offloads 65535 plus the header
     * @throws IllegalArgumentException if {@code dst} has no writable bytes or is not one contiguous buffer
     */
    public int read(ByteBuf dst) throws IOException {
        ensureOpen();
        int index = dst.writerIndex();
        int room = dst.writableBytes();
        if (room == 0) {
            throw new IllegalArgumentException("dst has no writable bytes");
        }
        long n;
        if (dst.hasMemoryAddress()) {
            n = LibC.INSTANCE.read(fd, dst.memoryAddress() + index, room);
        } else if (dst.nioBufferCount() == 1) {
            n = LibC.INSTANCE.read(fd, dst.nioBuffer(index, room), room);
        } else {
            throw new IllegalArgumentException("dst must be one contiguous buffer, not a composite of "
                    + dst.nioBufferCount());
        }
        if (n < 0) {
            int errno = Errno.last();
            if (errno == Errno.EAGAIN) {
                return 0;
            }
            throw NativeException.of("read(" + describe() + ")", errno);
        }
        // tun_put_user() (drivers/net/tun.c) copies what fits, drops the rest and returns the copied length,
        // so a filled buffer is checked against the length the IP header declares.
        if (n == room && declaredLength(dst, index + vnetHeaderSize, room - vnetHeaderSize) > room - vnetHeaderSize) {
            throw new IOException("packet from " + describe() + " truncated to the " + room
                    + " writable bytes of dst and dropped (give read() at least mtu() writable bytes)");
        }
        dst.writerIndex(index + (int) n);
        return (int) n;
    }

    /**
     * The packet length from the IP header: IPv4 total length (RFC 791 section 3.1) or 40 + IPv6 payload
     * length (RFC 8200 section 3); {@code Integer.MAX_VALUE} when too few bytes arrived to tell.
     */
    private static int declaredLength(ByteBuf packet, int index, int length) {
        int version = packet.getUnsignedByte(index) >> 4;
        if (version == 4 && length >= 4) {
            return packet.getUnsignedShort(index + 2);
        }
        if (version == 6 && length >= 6) {
            return 40 + packet.getUnsignedShort(index + 4);
        }
        return Integer.MAX_VALUE;
    }

    /**
     * Writes {@code src}'s readable bytes as one IP packet. Neither the reader index moves nor is src released.
     *
     * @throws NativeException if the kernel rejects the packet, e.g. EINVAL when it starts with neither an
     *                         IPv4 nor an IPv6 version nibble
     */
    public void write(ByteBuf src) throws NativeException {
        ensureOpen();
        int length = src.readableBytes();
        if (length == 0) {
            throw new IllegalArgumentException("cannot write an empty packet");
        }
        long n = src.hasMemoryAddress()
                ? LibC.INSTANCE.write(fd, src.memoryAddress() + src.readerIndex(), length)
                : LibC.INSTANCE.write(fd, src.nioBuffer(), length);
        if (n < 0) {
            throw NativeException.last("write(" + describe() + ", " + length + " bytes)");
        }
    }

    /**
     * Writes {@code first}'s then {@code second}'s readable bytes as one packet with writev(2), e.g. a
     * virtio_net_hdr and the IP packet it belongs to, without copying them together. Neither reader index moves
     * nor is either buffer released.
     *
     * @throws IllegalArgumentException if a buffer has no native memory address (use direct buffers)
     * @throws NativeException if the kernel rejects the packet
     */
    public void write(ByteBuf first, ByteBuf second) throws NativeException {
        ensureOpen();
        if (!first.hasMemoryAddress() || !second.hasMemoryAddress()) {
            throw new IllegalArgumentException("write(first, second) needs buffers with a native memory address");
        }
        int length = first.readableBytes() + second.readableBytes();
        // struct iovec { void *iov_base; size_t iov_len; } (x86_64: two 8-byte fields)
        iovecs.putLong(0, first.memoryAddress() + first.readerIndex());
        iovecs.putLong(8, first.readableBytes());
        iovecs.putLong(IOVEC_SIZE, second.memoryAddress() + second.readerIndex());
        iovecs.putLong(IOVEC_SIZE + 8, second.readableBytes());
        if (LibC.INSTANCE.writev(fd, iovecs, 2) < 0) {
            throw NativeException.last("writev(" + describe() + ", " + length + " bytes)");
        }
    }

    private void ensureOpen() {
        if (fd < 0) {
            throw new IllegalStateException("TUN device " + describe() + " is closed");
        }
    }

    private String describe() {
        return netns == null ? name : name + " in netns " + netns;
    }

    /** Detaches from the interface (a non-persistent one disappears). Idempotent. */
    @Override
    public void close() {
        if (fd >= 0) {
            Fd.close(fd);
            Fd.close(controlSocket);
            fd = -1;
            controlSocket = -1;
        }
    }

    @Override
    public String toString() {
        return "TunDevice[" + describe() + (fd < 0 ? ", closed]" : ", fd " + fd + "]");
    }
}
