package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 1122 §4.2.3.6 keep-alives: off by default, probes after the idle time, the connection dies unanswered. */
class TcpKeepaliveTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;

    private static TcpScript withKeepalive() {
        return new TcpScript(TcpScript.baseConfig()
                .keepalive(Duration.ofSeconds(10), Duration.ofSeconds(1), 3));
    }

    @Test
    void offByDefault() {
        TcpScript s = new TcpScript();
        s.acceptConnection();
        s.advance(Duration.ofHours(3));
        s.expectNothing();
    }

    @Test
    void probesAfterTheIdleTimeAndAnAnswerRestartsTheWait() {
        TcpScript s = withKeepalive();
        TcpConnection c = s.acceptConnection();
        s.advance(Duration.ofMillis(9_999));
        s.expectNothing();
        s.advanceMillis(1);
        // The probe carries SEG.SEQ = SND.NXT − 1, which makes the peer answer with an ACK.
        s.expect(seg().seq(A - 1).ack(B));
        s.send(seg().seq(B).ack(A));
        s.advance(Duration.ofMillis(9_999));
        s.expectNothing();
        s.advanceMillis(1);
        s.expect(seg().seq(A - 1).ack(B));
        assertEquals(TcpState.ESTABLISHED, c.state());
    }

    @Test
    void unansweredProbesEndTheConnectionWithATimeout() {
        TcpScript s = withKeepalive();
        TcpConnection c = s.acceptConnection();
        s.advance(Duration.ofSeconds(10));
        s.expect(seg().seq(A - 1).ack(B));
        s.advance(Duration.ofSeconds(1));
        s.expect(seg().seq(A - 1).ack(B));
        s.advance(Duration.ofSeconds(1));
        s.expect(seg().seq(A - 1).ack(B));
        assertNull(s.handler.closed);
        s.advance(Duration.ofSeconds(1));
        assertEquals(TcpCloseReason.TIMEOUT, s.handler.closed);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(0, s.layer.connectionCount());
    }
}
