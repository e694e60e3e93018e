package io.tunstack.core.udp;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.stack.NetStack;
import io.tunstack.core.wire.IcmpPacket;

/**
 * Answers datagrams for unbound ports with ICMP Destination Unreachable, code Port Unreachable
 * (RFC 1122 §4.1.3.1), within a rate limit (RFC 1122 §3.2.2) and never to sources that must not get ICMP errors.
 * The IPv4 layer writes the message, quoting the datagram's own header and first 8 octets.
 */
final class PortUnreachableResponder {
    private final NetStack ip;
    private final TokenBucket limiter;
    private final UdpCounters counters;

    PortUnreachableResponder(NetStack ip, TokenBucket limiter, UdpCounters counters) {
        this.ip = ip;
        this.limiter = limiter;
        this.counters = counters;
    }

    /** Responds to {@code datagram} (the UDP segment handed to the layer's input) from {@code srcAddr}. */
    void respond(int srcAddr, ByteBuf datagram, long nowNanos) {
        if (!isSingleHost(srcAddr) || !limiter.tryTake(nowNanos)) {
            counters.countPortUnreachableSuppressed();
            return;
        }
        ip.sendDestinationUnreachable(datagram, IcmpPacket.CODE_PORT_UNREACHABLE);
        counters.countPortUnreachableSent();
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
