package io.tunstack.core.dns;

import io.tunstack.core.stack.EventLoop;
import io.tunstack.core.tcp.TcpLayer;
import io.tunstack.core.time.Clock;
import io.tunstack.core.udp.UdpLayer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A stub resolver (RFC 1034 §5.3.1) for IPv4 addresses: asks one recursive server over UDP and follows CNAMEs
 * within its answer. Each query uses a random ID and a random source port (RFC 5452 §9.2) and accepts only an
 * answer from the server's address and port echoing its ID and question. A truncated answer is asked again
 * over TCP (RFC 7766 §5) when the resolver has a TCP layer, and reported as {@link DnsError#TRUNCATED} when that
 * fails too. {@link #resolve} runs on the stack's event loop; {@link #resolveBlocking} is for other threads.
 */
public final class DnsResolver {
    public static final int DNS_PORT = 53;

    private final UdpLayer udp;
    private final TcpLayer tcp;
    private final Clock clock;
    private final int server;
    private final int port;
    private final DnsResolverConfig config;
    private final RandomGenerator random;

    /**
     * A resolver for {@code server} port 53 with the default retries and a secure random source; {@code tcp}
     * (null for none) carries retries of truncated answers.
     */
    public DnsResolver(UdpLayer udp, TcpLayer tcp, Clock clock, int server) {
        this(udp, tcp, clock, server, DNS_PORT, DnsResolverConfig.DEFAULT, new SecureRandom());
    }

    /** {@code clock} must be the one driving the event loop, {@code random} unpredictable outside tests. */
    public DnsResolver(UdpLayer udp, TcpLayer tcp, Clock clock, int server, int port, DnsResolverConfig config,
            RandomGenerator random) {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("DNS server port out of range: " + port);
        }
        this.udp = udp;
        this.tcp = tcp;
        this.clock = clock;
        this.server = server;
        this.port = port;
        this.config = config;
        this.random = random;
    }

    UdpLayer udp() {
        return udp;
    }

    /** The TCP layer for retries of truncated answers, or null. */
    TcpLayer tcp() {
        return tcp;
    }

    Clock clock() {
        return clock;
    }

    DnsResolverConfig config() {
        return config;
    }

    public int server() {
        return server;
    }

    public int port() {
        return port;
    }

    /**
     * Resolves {@code name} to IPv4 addresses; {@code onResult} is called once on the event loop, possibly
     * before this returns (an invalid name). Call on the event loop.
     */
    public void resolve(String name, Consumer<DnsResult> onResult) {
        try {
            if (DnsName.labels(name).isEmpty()) {
                throw new IllegalArgumentException("the root name has no address");
            }
        } catch (IllegalArgumentException e) {
            onResult.accept(DnsResult.failure(name, DnsError.INVALID_NAME, e.getMessage()));
            return;
        }
        new DnsQuery(this, name, random.nextInt(0x10000), onResult).start();
    }

    /**
     * Resolves {@code name} from a thread other than the loop's, waiting at most {@code wait} (normally longer
     * than the resolver's own retries, which end in {@link DnsError#TIMEOUT}).
     *
     * @throws TimeoutException if no result came within {@code wait}
     * @throws IllegalStateException when called on the event loop, which would deadlock
     */
    public DnsResult resolveBlocking(EventLoop loop, String name, Duration wait)
            throws InterruptedException, TimeoutException {
        if (loop.inEventLoop()) {
            throw new IllegalStateException("resolveBlocking would block the event loop; use resolve");
        }
        CompletableFuture<DnsResult> result = loop.call(() -> {
            CompletableFuture<DnsResult> future = new CompletableFuture<>();
            resolve(name, future::complete);
            return future;
        }).thenCompose(future -> future);
        try {
            return result.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("resolving " + name + " failed on the event loop", e.getCause());
        }
    }
}
