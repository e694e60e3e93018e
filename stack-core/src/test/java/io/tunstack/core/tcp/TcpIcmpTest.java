package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.LOCAL;
import static io.tunstack.core.tcp.TcpScript.LOCAL_PORT;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static io.tunstack.core.tcp.TcpScript.REMOTE;
import static io.tunstack.core.tcp.TcpScript.REMOTE_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.stack.IcmpError;
import io.tunstack.core.wire.IcmpPacket;
import org.junit.jupiter.api.Test;

/** ICMP errors about our segments (RFC 1122 §4.2.3.9, RFC 5461, RFC 1191, RFC 5927). */
class TcpIcmpTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;
    private static final int ROUTER = 0x0A0000FE;

    private final TcpScript s = new TcpScript();

    @Test
    void portUnreachableWhileOpeningRefusesTheConnection() {
        TcpConnection c = s.layer.connect(LOCAL, LOCAL_PORT, REMOTE, REMOTE_PORT, s.handler);
        s.next();
        error(IcmpPacket.CODE_PORT_UNREACHABLE, 0, ISS);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpCloseReason.REFUSED, s.handler.closed);
        assertEquals(0, s.layer.connectionCount());
    }

    @Test
    void anErrorQuotingASequenceNumberWeDidNotSendIsIgnored() {
        TcpConnection c = s.layer.connect(LOCAL, LOCAL_PORT, REMOTE, REMOTE_PORT, s.handler);
        s.next();
        error(IcmpPacket.CODE_PORT_UNREACHABLE, 0, ISS + 1);
        error(IcmpPacket.CODE_PORT_UNREACHABLE, 0, ISS - 1000);
        assertEquals(TcpState.SYN_SENT, c.state());
        assertEquals(2, s.layer.counters().dropped(TcpDropReason.ICMP_STALE));
    }

    @Test
    void softErrorsAreKeptAndTheConnectionGoesOn() {
        TcpConnection c = s.connect();
        s.write(c, new byte[100]);
        s.next();
        error(IcmpPacket.CODE_HOST_UNREACHABLE, 0, A);
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals("host unreachable from 10.0.0.254", c.softError().describe());
        // Port unreachable on an established connection is not believed either (RFC 5461 §4).
        error(IcmpPacket.CODE_PORT_UNREACHABLE, 0, A);
        assertEquals(TcpState.ESTABLISHED, c.state());
    }

    @Test
    void fragmentationNeededShrinksEveryLaterSegment() {
        TcpConnection c = s.connect();
        s.write(c, TcpScript.pattern(0, 1460));
        s.expect(seg().seq(A).ack(B).psh().data(0, 1460));

        error(IcmpError.CODE_FRAGMENTATION_NEEDED, 1000, A);
        s.write(c, TcpScript.pattern(1460, 1000));
        s.expect(seg().seq(A + 1460).ack(B).data(1460, 960));

        // The dropped segment goes again, cut to the path's 1000 − 40 octets.
        s.advanceMillis(1000);
        s.expect(seg().seq(A).ack(B).data(0, 960));
        assertNull(c.softError(), "a path MTU change is not an error");
    }

    @Test
    void aForgedTinyMtuIsNotBelievedBelow552() {
        TcpConnection c = s.connect();
        s.write(c, new byte[3000]);
        s.next();
        s.next();
        error(IcmpError.CODE_FRAGMENTATION_NEEDED, 68, A);
        s.advanceMillis(1000);
        assertEquals(512, s.next().payload().length);
        assertSame(null, c.softError());
    }

    /** Destination Unreachable {@code code} from a router about our segment with sequence number {@code seq}. */
    private void error(int code, int nextHopMtu, int seq) {
        ByteBuf quoted = Unpooled.buffer(8).writeShort(LOCAL_PORT).writeShort(REMOTE_PORT).writeInt(seq);
        s.layer.icmpError(new IcmpError(IcmpPacket.TYPE_DESTINATION_UNREACHABLE, code, nextHopMtu, ROUTER, LOCAL,
                REMOTE), quoted, s.now());
    }
}
