package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Urgent data (RFC 9293 §3.8.5, §3.10.7.4 sixth step; RFC 6093): the pointer marks the octet after the urgent
 * data, the data stays in the stream, the application hears of each advance once and can ask how much of what it
 * reads next is urgent; our own urgent data goes out with URG until acknowledged.
 */
class TcpUrgentTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;

    private final TcpScript s = new TcpScript();
    private TcpConnection c;
    private int signals;

    @BeforeEach
    void establish() {
        c = s.acceptConnection();
        c.setHandler(new TcpHandler() {
            @Override
            public void onUrgent(TcpConnection connection) {
                signals++;
            }
        });
    }

    @Test
    void urgentDataIsCountedInlineAndSignalledOncePerAdvance() {
        s.send(seg().seq(B).ack(A).urg(3).payload("abc"));
        assertEquals(1, signals);
        assertEquals(3, c.urgentBytes());

        assertEquals("ab", read(2));
        assertEquals(1, c.urgentBytes(), "one urgent octet left before the mark");

        // The same pointer again (SEG.SEQ + SEG.UP = B + 3) is the same urgent data: no second signal.
        s.send(seg().seq(B + 3).ack(A).urg(0).payload("d"));
        assertEquals(1, signals);

        // The pointer advances: signal again; it may point past what has arrived (RFC 9293 MUST-30).
        s.send(seg().seq(B + 4).ack(A).urg(10).payload("ef"));
        assertEquals(2, signals);
        assertEquals(12, c.urgentBytes(), "from the read position B + 2 to the mark B + 14");

        assertEquals("cdef", read(10));
        assertEquals(8, c.urgentBytes(), "urgent octets not yet received still count");
        s.send(seg().seq(B + 6).ack(A).payload("ghijklmn"));
        assertEquals("ghijklmn", read(20));
        assertEquals(0, c.urgentBytes(), "urgent mode ends once the application read past the mark");
    }

    @Test
    void aPointerAtOrBehindTheReadPositionIsNotUrgent() {
        s.send(seg().seq(B).ack(A).payload("abcd"));
        assertEquals("abcd", read(4));
        s.send(seg().seq(B + 4).ack(A).urg(0).payload("e"));
        assertEquals(0, signals);
        assertEquals(0, c.urgentBytes());
    }

    @Test
    void ourUrgentDataCarriesTheUrgentPointerUntilAcknowledged() {
        assertEquals(5, c.sendUrgent(bytes("hello")));
        TcpScript.Sent first = s.expect(seg().seq(A).ack(B).psh().urg(5).payload("hello"));
        assertEquals(5, first.header().urgent, "the pointer marks the octet after the urgent data");

        // Not held back by Nagle although data is outstanding, and past SND.UP it carries no URG.
        c.send(bytes("more"));
        s.expect(seg().seq(A + 5).ack(B).psh().payload("more"));

        s.send(seg().seq(B).ack(A + 9));
        c.send(bytes("plain"));
        s.expect(seg().seq(A + 9).ack(B).psh().payload("plain"));
    }

    @Test
    void segmentsBeforeTheMarkPointAtIt() {
        c.send(bytes("x".repeat(1460)));
        s.expect(seg().seq(A).ack(B).psh().payload("x".repeat(1460)));
        s.send(seg().seq(B).ack(A + 1460));
        c.sendUrgent(bytes("y".repeat(2000)));
        TcpScript.Sent first = s.expect(seg().seq(A + 1460).ack(B).urg(2000).payload("y".repeat(1460)));
        assertEquals(2000, first.header().urgent);
        TcpScript.Sent second = s.expect(seg().seq(A + 2920).ack(B).psh().urg(540).payload("y".repeat(540)));
        assertEquals(540, second.header().urgent);
    }

    private String read(int max) {
        ByteBuf dst = Unpooled.buffer(max);
        c.receive(dst);
        return dst.toString(StandardCharsets.US_ASCII);
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
