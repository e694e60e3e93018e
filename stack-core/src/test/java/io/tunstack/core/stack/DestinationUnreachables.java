package io.tunstack.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Header;

/** Checks an ICMP Destination Unreachable the stack sent (RFC 792), for tests of the layers that send them. */
public final class DestinationUnreachables {
    private DestinationUnreachables() {
    }

    /**
     * Asserts that {@code reply} is a well-formed Destination Unreachable with {@code code} from {@code from} to
     * {@code to} that quotes a 20-byte IPv4 header and 8 data bytes; releases it and returns the 28 quoted bytes.
     */
    public static byte[] quote(ByteBuf reply, int from, int to, int code) {
        assertNotNull(reply, "an ICMP error was sent");
        try {
            Ipv4Header ip = new Ipv4Header();
            assertNull(ip.parse(reply));
            assertEquals(IpProtocol.ICMP, ip.protocol);
            assertEquals(from, ip.srcAddr);
            assertEquals(to, ip.dstAddr);
            IcmpPacket icmp = new IcmpPacket();
            int offset = reply.readerIndex() + ip.headerLength();
            assertNull(icmp.parse(reply, offset, ip.payloadLength()), "valid ICMP checksum");
            assertEquals(IcmpPacket.TYPE_DESTINATION_UNREACHABLE, icmp.type);
            assertEquals(code, icmp.code);
            assertEquals(IcmpPacket.HEADER_LENGTH + 20 + 8, ip.payloadLength(), "IPv4 header + 8 data bytes");
            return ByteBufUtil.getBytes(reply, offset + IcmpPacket.HEADER_LENGTH, 28);
        } finally {
            reply.release();
        }
    }
}
