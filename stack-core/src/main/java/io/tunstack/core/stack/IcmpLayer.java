package io.tunstack.core.stack;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.core.wire.WireError;

/**
 * ICMP for the stack's own address: answers echo requests (RFC 792; RFC 1122 §3.2.2.6), hands errors about our
 * own datagrams to the transport that sent them (RFC 1122 §3.2.2), counts the rest.
 */
final class IcmpLayer {
    private final NetStack stack;
    private final StackCounters counters;
    private final IcmpPacket rx = new IcmpPacket();

    /** Fixed part of the quoted IPv4 header: version/IHL at 0, protocol at 9, addresses at 12 and 16. */
    private static final int QUOTED_PROTOCOL = 9;
    private static final int QUOTED_SRC = 12;
    private static final int QUOTED_DST = 16;

    IcmpLayer(NetStack stack, StackCounters counters) {
        this.stack = stack;
        this.counters = counters;
    }

    void input(int srcAddr, ByteBuf message, long nowNanos) {
        int length = message.readableBytes();
        WireError error = rx.parse(message, message.readerIndex(), length);
        if (error != null) {
            counters.drop(error);
            return;
        }
        if (rx.type == IcmpPacket.TYPE_DESTINATION_UNREACHABLE || rx.type == IcmpPacket.TYPE_TIME_EXCEEDED) {
            errorArrives(srcAddr, message, nowNanos);
            return;
        }
        if (!rx.isEchoRequest()) {
            counters.drop(DropReason.ICMP_IGNORED);
            return;
        }
        // RFC 1122 §3.2.2.6: the reply carries the request's identifier, sequence and data unchanged.
        ByteBuf reply = stack.newPacket(length);
        int offset = reply.writerIndex();
        reply.writeBytes(message, message.readerIndex(), length);
        IcmpPacket.rewriteAsEchoReply(reply, offset);
        stack.send(stack.address(), srcAddr, IpProtocol.ICMP, reply);
    }

    /**
     * An error quoting one of our datagrams: its IPv4 header and at least 8 octets of its transport header
     * (RFC 792). Only a quote of a datagram from our address reaches a transport (RFC 5927 §4: the transport
     * then checks the quoted ports and sequence numbers against its own state).
     */
    private void errorArrives(int srcAddr, ByteBuf message, long nowNanos) {
        int quote = message.readerIndex() + IcmpPacket.HEADER_LENGTH;
        int quoteLength = message.writerIndex() - quote;
        int versionIhl = quoteLength > 0 ? message.getUnsignedByte(quote) : 0;
        int headerLength = (versionIhl & 0x0F) * 4;
        if (versionIhl >> 4 != 4 || headerLength < Ipv4Header.MIN_LENGTH
                || quoteLength < headerLength + IcmpPacket.QUOTED_DATA_LENGTH
                || message.getInt(quote + QUOTED_SRC) != stack.address()) {
            counters.drop(DropReason.ICMP_BAD_QUOTE);
            return;
        }
        TransportProtocol transport = stack.transport(message.getUnsignedByte(quote + QUOTED_PROTOCOL));
        if (transport == null) {
            counters.drop(DropReason.ICMP_IGNORED);
            return;
        }
        // RFC 1191 §4: Fragmentation Needed carries the next-hop MTU in the low 16 bits of the second word.
        IcmpError error = new IcmpError(rx.type, rx.code, rx.sequence, srcAddr, stack.address(),
                message.getInt(quote + QUOTED_DST));
        counters.icmpError();
        int readerIndex = message.readerIndex();
        message.readerIndex(quote + headerLength);
        try {
            transport.icmpError(error, message, nowNanos);
        } finally {
            message.readerIndex(readerIndex);
        }
    }
}
