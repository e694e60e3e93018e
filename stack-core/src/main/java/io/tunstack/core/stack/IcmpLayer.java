package io.tunstack.core.stack;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.WireError;

/** ICMP for the stack's own address: answers echo requests (RFC 792; RFC 1122 §3.2.2.6), counts the rest. */
final class IcmpLayer {
    private final NetStack stack;
    private final StackCounters counters;
    private final IcmpPacket rx = new IcmpPacket();

    IcmpLayer(NetStack stack, StackCounters counters) {
        this.stack = stack;
        this.counters = counters;
    }

    void input(int srcAddr, ByteBuf message) {
        int length = message.readableBytes();
        WireError error = rx.parse(message, message.readerIndex(), length);
        if (error != null) {
            counters.drop(error);
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
}
