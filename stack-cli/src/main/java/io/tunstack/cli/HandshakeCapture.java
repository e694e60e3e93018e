package io.tunstack.cli;

import io.netty.buffer.Unpooled;
import io.tunstack.core.link.PcapReader;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.core.wire.TcpHeader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The three segments of a TCP three-way handshake (RFC 9293 §3.5, Figure 6) as recorded in a pcap file:
 * the client's SYN, the server's SYN-ACK to it and the client's ACK of that.
 */
record HandshakeCapture(Segment syn, Segment synAck, Segment ack) {

    /** One recorded segment's header fields, sequence numbers unsigned. */
    record Segment(int srcAddr, int srcPort, int dstAddr, int dstPort, int flags, long seq, long ack) {
        String flagNames() {
            StringBuilder names = new StringBuilder();
            String[] known = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
            for (int bit = 0; bit < known.length; bit++) {
                if ((flags & 1 << bit) != 0) {
                    names.append(names.length() == 0 ? "" : ", ").append(known[bit]);
                }
            }
            return names.toString();
        }

        String from() {
            return Ipv4Address.format(srcAddr) + ":" + srcPort;
        }

        String to() {
            return Ipv4Address.format(dstAddr) + ":" + dstPort;
        }
    }

    /** Finds the first handshake that {@code client} opened in the capture. */
    static HandshakeCapture find(Path pcap, int client) throws IOException {
        List<PcapReader.Record> records = PcapReader.read(pcap);
        Ipv4Header ip = new Ipv4Header();
        TcpHeader tcp = new TcpHeader();
        Segment syn = null;
        Segment synAck = null;
        for (PcapReader.Record record : records) {
            if (!TcpPackets.parse(Unpooled.wrappedBuffer(record.data()), ip, tcp)) {
                continue;
            }
            Segment s = new Segment(ip.srcAddr, tcp.srcPort, ip.dstAddr, tcp.dstPort, tcp.flags,
                    Integer.toUnsignedLong(tcp.seq), Integer.toUnsignedLong(tcp.ack));
            if (syn == null && s.srcAddr == client && tcp.flags == TcpHeader.SYN) {
                syn = s;
            } else if (syn != null && synAck == null && tcp.flags == (TcpHeader.SYN | TcpHeader.ACK)
                    && replies(s, syn)) {
                synAck = s;
            } else if (synAck != null && tcp.has(TcpHeader.ACK) && !tcp.has(TcpHeader.SYN) && replies(s, synAck)) {
                return new HandshakeCapture(syn, synAck, s);
            }
        }
        throw new IOException("no complete TCP handshake from " + Ipv4Address.format(client) + " in " + pcap);
    }

    private static boolean replies(Segment reply, Segment to) {
        return reply.srcAddr == to.dstAddr && reply.srcPort == to.dstPort && reply.dstAddr == to.srcAddr
                && reply.dstPort == to.srcPort;
    }
}
