package io.tunstack.core.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.stack.IpOutput;
import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Header;

/**
 * Answers datagrams for unbound ports with ICMP Destination Unreachable, code Port Unreachable
 * (RFC 1122 §4.1.3.1), within a rate limit (RFC 1122 §3.2.2) and never to sources that must not get ICMP errors.
 *
 * <p>RFC 792 / RFC 1122 §3.2.2: the message quotes the Internet header of the triggering datagram and its first
 * 8 data octets (here: the UDP header). {@code TransportProtocol.input} hands the transport only the segment, so
 * the quoted IPv4 header is rebuilt from what the transport knows (addresses, protocol, total length); its TOS,
 * identification, flags and TTL are zero and any IP options are not quoted. Receivers match errors to sockets by
 * exactly the fields that are rebuilt (Linux: addresses, protocol and the quoted ports).
 */
final class PortUnreachableResponder {
    private static final int QUOTED_DATA_LENGTH = 8;

    private final IpOutput ip;
    private final int address;
    private final TokenBucket limiter;
    private final UdpCounters counters;
    private final Ipv4Header quotedHeader = new Ipv4Header();
    private final ByteBuf quote = Unpooled.wrappedBuffer(new byte[Ipv4Header.MIN_LENGTH + QUOTED_DATA_LENGTH]);

    PortUnreachableResponder(IpOutput ip, int address, TokenBucket limiter, UdpCounters counters) {
        this.ip = ip;
        this.address = address;
        this.limiter = limiter;
        this.counters = counters;
        quotedHeader.protocol = IpProtocol.UDP;
    }

    /** Responds to {@code datagram} (readable: UDP header and payload) from {@code srcAddr} to us. */
    void respond(int srcAddr, ByteBuf datagram, long nowNanos) {
        if (!isSingleHost(srcAddr) || !limiter.tryTake(nowNanos)) {
            counters.countPortUnreachableSuppressed();
            return;
        }
        int quotedData = Math.min(QUOTED_DATA_LENGTH, datagram.readableBytes());
        quotedHeader.totalLength = Ipv4Header.MIN_LENGTH + datagram.readableBytes();
        quotedHeader.srcAddr = srcAddr;
        quotedHeader.dstAddr = address;
        quote.clear();
        quotedHeader.writeTo(quote, 0);
        quote.writerIndex(Ipv4Header.MIN_LENGTH);
        quote.writeBytes(datagram, datagram.readerIndex(), quotedData);

        ByteBuf packet = ip.newPacket(IcmpPacket.HEADER_LENGTH + quote.readableBytes());
        IcmpPacket.writeDestinationUnreachable(packet, IcmpPacket.CODE_PORT_UNREACHABLE, quote);
        ip.send(address, srcAddr, IpProtocol.ICMP, packet);
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
