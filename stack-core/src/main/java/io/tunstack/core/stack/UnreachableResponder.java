package io.tunstack.core.stack;

import io.netty.buffer.ByteBuf;

/**
 * Answers a datagram the stack cannot deliver with ICMP Destination Unreachable (RFC 792), within a rate limit
 * (RFC 1122 §3.2.2) and never to a source that must not get ICMP errors. The IPv4 layer writes the message,
 * quoting the datagram's own header and first 8 octets.
 */
public final class UnreachableResponder {
    /** The default ICMP error budget: a burst of 10, then one per 100 ms (Linux allows ~1000/s with burst 50). */
    public static final int DEFAULT_BURST = 10;
    public static final long DEFAULT_INTERVAL_NANOS = 100_000_000L;

    private final NetStack ip;
    private final TokenBucket limiter;

    public UnreachableResponder(NetStack ip, TokenBucket limiter) {
        this.ip = ip;
        this.limiter = limiter;
    }

    /**
     * Answers {@code received} from {@code srcAddr} with {@code code}; call only while the stack delivers it (see
     * {@link NetStack#sendDestinationUnreachable}). Returns false when the error was suppressed.
     */
    public boolean respond(int srcAddr, ByteBuf received, int code, long nowNanos) {
        if (!isSingleHost(srcAddr) || !limiter.tryTake(nowNanos)) {
            return false;
        }
        ip.sendDestinationUnreachable(received, code);
        return true;
    }

    /**
     * RFC 1122 §3.2.2: no ICMP error for a datagram whose source does not define a single host: the zero
     * network (0/8), loopback (127/8), multicast (224/4), reserved class E (240/4) and limited broadcast.
     */
    private static boolean isSingleHost(int addr) {
        int first = addr >>> 24;
        return first != 0 && first != 127 && first < 224;
    }
}
