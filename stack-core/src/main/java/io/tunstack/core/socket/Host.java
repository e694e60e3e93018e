package io.tunstack.core.socket;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.tunstack.core.link.PacketLink;
import io.tunstack.core.stack.EventLoop;
import io.tunstack.core.stack.NetStack;
import io.tunstack.core.tcp.TcpConfig;
import io.tunstack.core.tcp.TcpEventSink;
import io.tunstack.core.tcp.TcpLayer;
import io.tunstack.core.time.Clock;
import io.tunstack.core.time.SystemClock;
import io.tunstack.core.udp.UdpLayer;
import io.tunstack.core.wire.IpProtocol;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import io.tunstack.core.dns.DnsError;
import io.tunstack.core.dns.DnsResolver;
import io.tunstack.core.dns.DnsResult;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A running tunstack host (RFC 1122's word): one link, one IPv4 address, the IP, ICMP and TCP layers,
 * and the event loop thread that owns them. Applications use blocking sockets ({@link #connect},
 * {@link #listen}) from any thread, or the non-blocking callback API by running code on the loop
 * with {@link #onLoop} and using {@link TcpLayer}, {@code TcpHandler} and {@link UdpLayer} there directly.
 */
public final class Host implements AutoCloseable {
    private final NetStack ip;
    private final Layers layers;
    private final Clock clock;
    private final EventLoop loop;
    /** How long {@link #close} waits for closed connections to deliver their data, unless the builder says. */
    public static final long DEFAULT_LINGER_MILLIS = 10_000;
    private static final long LINGER_POLL_MILLIS = 5;

    private final long lingerNanos;
    private volatile boolean closed;

    private Host(Builder b) {
        this.ip = new NetStack(b.link, b.address, b.alloc);
        TcpLayer tcp = new TcpLayer(ip, b.tcpConfig, b.clock, b.events);
        UdpLayer udp = new UdpLayer(ip);
        ip.register(IpProtocol.TCP, tcp);
        ip.register(IpProtocol.UDP, udp);
        this.layers = new Layers(tcp, udp);
        this.clock = b.clock;
        this.lingerNanos = b.linger.toNanos();
        this.loop = EventLoop.start(ip, b.clock, b.name);
    }

    public static Builder builder(PacketLink link, int address) {
        return new Builder(link, address);
    }

    public int address() {
        return ip.address();
    }

    public NetStack ip() {
        return ip;
    }

    public EventLoop loop() {
        return loop;
    }

    /** The transport layers, for code running on the loop thread. */
    public record Layers(TcpLayer tcp, UdpLayer udp) {
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Runs {@code task} with the transport layers on the loop thread and waits for its result: the way
     * into the callback API, and how blocking sockets hand work to the loop.
     */
    public <T> T onLoop(Function<Layers, T> task) throws IOException {
        try {
            return loop.call(() -> task.apply(layers)).get();
        } catch (RejectedExecutionException e) {
            throw new SocketException("tunstack host is stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the event loop");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof IllegalStateException || cause instanceof IllegalArgumentException) {
                throw new SocketException(cause.getMessage());
            }
            throw new IOException(cause);
        }
    }

    /** Opens a TCP connection (active open) and waits for the handshake. */
    public TcpSocket connect(int remoteAddr, int remotePort, Duration timeout) throws IOException {
        return TcpSocket.connect(this, remoteAddr, remotePort, timeout);
    }

    /**
     * Resolves {@code name} to IPv4 addresses with the DNS server at {@code server}, through our own UDP.
     *
     * @throws UnknownHostException when the server says the name does not exist or has no address
     */
    public List<Integer> resolve(int server, String name, Duration timeout) throws IOException {
        DnsResolver resolver = onLoop(l -> new DnsResolver(l.udp(), l.tcp(), clock, server));
        DnsResult result;
        try {
            result = resolver.resolveBlocking(loop, name, timeout);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("DNS query for " + name + " timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted resolving " + name);
        }
        if (!result.ok()) {
            if (result.error() == DnsError.TIMEOUT) {
                throw new SocketTimeoutException(result.message());
            }
            throw new UnknownHostException(result.message());
        }
        return result.addresses();
    }

    /** Listens on {@code port} for incoming connections (passive open). */
    public TcpServerSocket listen(int port, int backlog) throws IOException {
        return TcpServerSocket.listen(this, port, backlog);
    }

    /** Whether the loop is still running; a failed loop wakes and fails every blocked socket call. */
    boolean isRunning() {
        return loop.failure() == null && !closed;
    }

    /**
     * Closes the host like a process exit with SO_LINGER: connections the application closed (or shut down for
     * output) get up to the builder's linger time (default {@value #DEFAULT_LINGER_MILLIS} ms) to deliver
     * their queued data and have their FIN acknowledged; then every connection left is reset, so no peer waits
     * on state that is about to vanish, and the loop and the link stop. Blocked socket calls fail at once.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop.inEventLoop()) {
            layers.tcp().abortAll(); // called from a callback: the loop cannot wait on itself
            loop.close();
            return;
        }
        try {
            awaitDelivery();
            onLoop(l -> {
                l.tcp().abortAll();
                return null;
            });
        } catch (IOException e) {
            // the loop has already stopped: nothing left to deliver or reset
        } finally {
            loop.close();
        }
    }

    private void awaitDelivery() throws IOException {
        long deadline = System.nanoTime() + lingerNanos;
        while (onLoop(l -> l.tcp().isDeliveringFin()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(LINGER_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Settings for a {@link Host}. */
    public static final class Builder {
        private final PacketLink link;
        private final int address;
        private Clock clock = SystemClock.INSTANCE;
        private TcpConfig tcpConfig = TcpConfig.defaults();
        private TcpEventSink events = TcpEventSink.NONE;
        private ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        private String name = "tunstack-loop";
        private Duration linger = Duration.ofMillis(DEFAULT_LINGER_MILLIS);

        private Builder(PacketLink link, int address) {
            this.link = Objects.requireNonNull(link, "link");
            this.address = address;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder tcp(TcpConfig config) {
            this.tcpConfig = Objects.requireNonNull(config);
            return this;
        }

        public Builder events(TcpEventSink sink) {
            this.events = Objects.requireNonNull(sink);
            return this;
        }

        public Builder allocator(ByteBufAllocator alloc) {
            this.alloc = Objects.requireNonNull(alloc);
            return this;
        }

        public Builder threadName(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** How long {@link Host#close} waits for closed connections to deliver their data (zero: reset at once). */
        public Builder linger(Duration linger) {
            if (linger.isNegative()) {
                throw new IllegalArgumentException("negative linger: " + linger);
            }
            this.linger = linger;
            return this;
        }

        /** Starts the host's event loop. */
        public Host start() {
            return new Host(this);
        }
    }
}
