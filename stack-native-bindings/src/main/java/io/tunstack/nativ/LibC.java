package io.tunstack.nativ;

import java.nio.ByteBuffer;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Variadic;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.u_int64_t;
import jnr.ffi.types.uintptr_t;

/**
 * The libc functions tunstack needs, bound with JNR-FFI, plus the x86_64 Linux constants they take.
 * Every call saves errno (read it with {@link Errno#last()} right after a failed call on the same thread).
 * Functions returning -1 on failure are wrapped with clear exceptions by the classes of this package.
 */
public interface LibC {

    /** The one loaded binding of libc. */
    LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");

    /** The JNR runtime of {@link #INSTANCE}, for memory allocation and errno. */
    Runtime RUNTIME = Runtime.getRuntime(INSTANCE);

    // <asm-generic/fcntl.h>
    int O_RDONLY = 0;
    int O_RDWR = 2;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    int F_GETFL = 3;
    int F_SETFL = 4;

    // <linux/if_tun.h>
    long TUNSETIFF = 0x400454caL;
    short IFF_TUN = 0x0001;
    short IFF_NO_PI = 0x1000;
    /** Prefixes each packet with a struct virtio_net_hdr (used by {@link TunDevice#open(String, String, boolean)}). */
    short IFF_VNET_HDR = 0x4000;
    /** _IOW('T', 208, unsigned int): the argument is the TUN_F_* mask itself, not a pointer. */
    long TUNSETOFFLOAD = 0x400454d0L;
    /** _IOW('T', 216, int): pointer to the vnet header size. */
    long TUNSETVNETHDRSZ = 0x400454d8L;
    /** _IOW('T', 220, int): pointer to an int, non-zero for little-endian vnet header fields. */
    long TUNSETVNETLE = 0x400454dcL;
    /** TUNSETOFFLOAD: "You can hand me unchecksummed packets." */
    int TUN_F_CSUM = 0x01;
    /** TUNSETOFFLOAD: "I can handle TSO for IPv4 packets" (needs TUN_F_CSUM). */
    int TUN_F_TSO4 = 0x02;
    /** Allows several fds per device; without it a second TUNSETIFF on an attached name fails with EBUSY. */
    short IFF_MULTI_QUEUE = 0x0100;

    // <linux/sockios.h>
    long SIOCGIFMTU = 0x8921;

    // <bits/socket.h>, <bits/socket_type.h>
    int AF_INET = 2;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = O_CLOEXEC;

    // <sched.h>
    int CLONE_NEWNET = 0x40000000;

    // <sys/eventfd.h>
    int EFD_NONBLOCK = O_NONBLOCK;
    int EFD_CLOEXEC = O_CLOEXEC;

    // <asm-generic/poll.h>
    short POLLIN = 0x0001;
    short POLLERR = 0x0008;
    short POLLHUP = 0x0010;
    short POLLNVAL = 0x0020;

    /** open(2); the optional mode argument is not needed for the paths tunstack opens. */
    @Variadic(fixedCount = 2)
    int open(String path, int flags);

    /** close(2). */
    int close(int fd);

    /** read(2) into native memory at {@code address} (zero copy). */
    @ssize_t long read(int fd, @uintptr_t long address, @size_t long count);

    /** read(2) into a NIO buffer from its position (JNR copies heap buffers in and out). */
    @ssize_t long read(int fd, @Out ByteBuffer dst, @size_t long count);

    /** write(2) from native memory at {@code address} (zero copy). */
    @ssize_t long write(int fd, @uintptr_t long address, @size_t long count);

    /** write(2) from a NIO buffer starting at its position. */
    @ssize_t long write(int fd, @In ByteBuffer src, @size_t long count);

    /** writev(2) of {@code iovcnt} struct iovec at {@code iov} (native memory), as one packet on a TUN fd. */
    @ssize_t long writev(int fd, Pointer iov, int iovcnt);

    /** fcntl(2) with an int argument (F_GETFL ignores it). */
    @Variadic(fixedCount = 2)
    int fcntl(int fd, int cmd, int arg);

    /** ioctl(2) with a pointer argument, e.g. a struct ifreq. */
    @Variadic(fixedCount = 2)
    int ioctl(int fd, @u_int64_t long request, Pointer arg);

    /** ioctl(2) with an integer argument, e.g. TUNSETOFFLOAD's flag mask. */
    @Variadic(fixedCount = 2)
    int ioctl(int fd, @u_int64_t long request, @u_int64_t long arg);

    /** socket(2). */
    int socket(int domain, int type, int protocol);

    /** setns(2). */
    int setns(int fd, int nstype);

    /** eventfd(2). */
    int eventfd(int initval, int flags);

    /** ppoll(2): poll(2) with a struct timespec timeout (null = infinite) and no signal mask change. */
    int ppoll(Pointer fds, @u_int64_t long nfds, Pointer timeout, Pointer sigmask);

    /** strerror(3). */
    String strerror(int errnum);
}
