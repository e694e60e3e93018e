package io.tunstack.core.dns;

import java.time.Duration;

/**
 * Retransmission policy of the stub resolver: {@code attempts} transmissions of a query, the first waiting
 * {@code timeout}, each later one {@code backoff} times longer, capped at {@code maxTimeout}
 * (RFC 1035 §4.2.1 and RFC 1536 §1: retransmit with exponential backoff rather than at a fixed rate).
 */
public record DnsResolverConfig(int attempts, Duration timeout, double backoff, Duration maxTimeout) {
    /** Three tries after 1 s, 2 s and 4 s: 7 s until a timeout is reported. */
    public static final DnsResolverConfig DEFAULT =
            new DnsResolverConfig(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(4));

    public DnsResolverConfig {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        if (timeout.isNegative() || timeout.isZero() || maxTimeout.compareTo(timeout) < 0) {
            throw new IllegalArgumentException("need 0 < timeout <= maxTimeout: " + timeout + ", " + maxTimeout);
        }
        if (!(backoff >= 1.0)) {
            throw new IllegalArgumentException("backoff must be at least 1: " + backoff);
        }
    }

    /** How long a retry over TCP may take, connection included: as long as all UDP attempts together. */
    public long tcpTimeoutNanos() {
        long total = 0;
        for (int attempt = 0; attempt < attempts; attempt++) {
            total += timeoutNanos(attempt);
        }
        return total;
    }

    /** How long to wait for an answer to transmission number {@code attempt} (0-based), in nanoseconds. */
    public long timeoutNanos(int attempt) {
        double nanos = timeout.toNanos() * Math.pow(backoff, attempt);
        return (long) Math.min(nanos, maxTimeout.toNanos());
    }
}
