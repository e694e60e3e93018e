package io.tunstack.core.tcp;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.stack.IpOutput;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.TcpHeader;

/**
 * Serializes outgoing segments: the caller fills the reusable header ({@link #begin}), then {@link #send} writes it
 * and copies the payload straight from the send buffer into one pooled packet from {@link IpOutput}.
 */
final class SegmentWriter {
    private final IpOutput out;
    private final TcpCounters counters;
    private final TcpHeader header = new TcpHeader();

    SegmentWriter(IpOutput out, TcpCounters counters) {
        this.out = out;
        this.counters = counters;
    }

    /** Clears the header and sets the fixed fields; options are left absent. */
    TcpHeader begin(int srcPort, int dstPort, int seq, int ack, int flags, int window) {
        TcpHeader h = header;
        h.clear();
        h.srcPort = srcPort;
        h.dstPort = dstPort;
        h.seq = seq;
        h.ack = ack;
        h.flags = flags;
        h.window = window;
        return h;
    }

    /** Sends the header with {@code length} payload bytes taken {@code offset} bytes after SND.UNA in {@code data}. */
    void send(int srcAddr, int dstAddr, SendBuffer data, int offset, int length) {
        ByteBuf packet = out.newPacket(TcpHeader.MAX_LENGTH + length);
        int start = packet.writerIndex();
        header.writeTo(packet);
        // Checksum-and-copy: the text is summed as it is copied, the header from the words written.
        int textSum = length > 0 ? data.copyAndSumTo(packet, offset, length) : 0;
        header.fillChecksum(packet, start, textSum, length, srcAddr, dstAddr);
        counters.segmentsOut++;
        if ((header.flags & TcpHeader.RST) != 0) {
            counters.resetsSent++;
        }
        out.send(srcAddr, dstAddr, IpProtocol.TCP, packet);
    }

    /** Sends the header alone. */
    void send(int srcAddr, int dstAddr) {
        send(srcAddr, dstAddr, null, 0, 0);
    }
}
