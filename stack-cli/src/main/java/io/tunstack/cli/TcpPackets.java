package io.tunstack.cli;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.core.wire.TcpHeader;

/** Parses an IPv4 packet holding a TCP segment, at the buffer's reader index, without moving it. */
final class TcpPackets {
    private TcpPackets() {
    }

    /** True when {@code packet} is a well-formed IPv4 TCP packet; {@code ip} and {@code tcp} then hold its headers. */
    static boolean parse(ByteBuf packet, Ipv4Header ip, TcpHeader tcp) {
        return ip.parse(packet) == null && ip.protocol == IpProtocol.TCP && !ip.isFragment()
                && tcp.parse(packet, packet.readerIndex() + ip.headerLength(), ip.payloadLength(), ip.srcAddr,
                        ip.dstAddr, false) == null;
    }

    /** Sequence space the segment occupies: payload plus one each for SYN and FIN (RFC 9293 §3.4). */
    static int sequenceLength(Ipv4Header ip, TcpHeader tcp) {
        return ip.payloadLength() - tcp.dataOffset() + (tcp.has(TcpHeader.SYN) ? 1 : 0) + (tcp.has(TcpHeader.FIN) ? 1 : 0);
    }
}
