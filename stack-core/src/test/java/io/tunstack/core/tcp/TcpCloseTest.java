package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Closing: RFC 9293 §3.6 (Figures 12 and 13) and the CLOSE / ABORT calls of §3.10.4 and §3.10.5. */
class TcpCloseTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;

    /**
     * Passive close completed while the peer's last bytes are still unread: the connection is CLOSED and gone
     * from the layer, but what arrived stays readable (a socket's receive queue outlives the TCB), then EOF.
     */
    @Test
    void dataReceivedBeforeAGracefulEndStaysReadable() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().fin().seq(B).ack(A).payload("last words"));
        s.next();
        c.shutdownOutput();
        s.next();
        s.send(seg().seq(B + 11).ack(A + 1));
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(0, s.layer.connectionCount());

        assertArrayEquals("last words".getBytes(StandardCharsets.US_ASCII), TcpScript.read(c));
        assertTrue(c.isInputShutdown());
        assertEquals(0, c.readableBytes());
    }

    /** RFC 9293 §3.10.7.4: a reset flushes the queues; nothing stale (or unwritten) is ever handed out. */
    @Test
    void aResetFlushesUnreadData() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B).ack(A).payload("lost"));
        s.send(seg().rst().seq(B + 4));
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(0, c.readableBytes());
        assertEquals(0, TcpScript.read(c).length);
        assertEquals(TcpCloseReason.RESET, s.handler.closed);
    }

    private static TcpScript script() {
        return new TcpScript(TcpScript.baseConfig().msl(Duration.ofSeconds(1)).finWait2Timeout(Duration.ofSeconds(5)));
    }

    @Test
    void activeCloseThroughFinWait1FinWait2TimeWait() {
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        c.close();
        assertEquals(TcpState.FIN_WAIT_1, c.state());
        s.expect(seg().fin().seq(A).ack(B));
        s.send(seg().seq(B).ack(A + 1));
        assertEquals(TcpState.FIN_WAIT_2, c.state());
        s.send(seg().fin().seq(B).ack(A + 1));
        s.expect(seg().seq(A + 1).ack(B + 1));
        assertEquals(TcpState.TIME_WAIT, c.state());
        assertEquals(TcpCloseReason.NORMAL, s.handler.closed);
        assertEquals(1, s.layer.connectionCount());
        // 2 MSL later the TCB is deleted.
        s.advanceMillis(1999);
        assertEquals(TcpState.TIME_WAIT, c.state());
        s.advanceMillis(1);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(0, s.layer.connectionCount());
        assertEquals(1, s.handler.closedCalls);
    }

    @Test
    void finWait1DirectlyToTimeWaitOnFinAck() {
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        c.close();
        s.expect(seg().fin().seq(A).ack(B));
        s.send(seg().fin().seq(B).ack(A + 1));
        s.expect(seg().seq(A + 1).ack(B + 1));
        assertEquals(TcpState.TIME_WAIT, c.state());
    }

    @Test
    void passiveCloseThroughCloseWaitLastAck() {
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        s.send(seg().fin().seq(B).ack(A));
        s.expect(seg().seq(A).ack(B + 1));
        assertEquals(TcpState.CLOSE_WAIT, c.state());
        assertTrue(c.isInputShutdown());
        // Half-close: we may still send.
        s.write(c, "bye".getBytes());
        s.expect(seg().psh().seq(A).ack(B + 1).payload("bye"));
        c.close();
        assertEquals(TcpState.LAST_ACK, c.state());
        s.expect(seg().fin().seq(A + 3).ack(B + 1));
        s.send(seg().seq(B + 1).ack(A + 4));
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpCloseReason.NORMAL, s.handler.closed);
        assertEquals(0, s.layer.connectionCount());
    }

    @Test
    void simultaneousCloseThroughClosing() {
        // RFC 9293 Figure 13.
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        c.close();
        s.expect(seg().fin().seq(A).ack(B));
        s.send(seg().fin().seq(B).ack(A));
        assertEquals(TcpState.CLOSING, c.state());
        s.expect(seg().seq(A + 1).ack(B + 1));
        s.send(seg().seq(B + 1).ack(A + 1));
        assertEquals(TcpState.TIME_WAIT, c.state());
        s.advanceMillis(2000);
        assertEquals(0, s.layer.connectionCount());
    }

    @Test
    void halfCloseKeepsReceiving() {
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        c.shutdownOutput();
        s.expect(seg().fin().seq(A).ack(B));
        s.send(seg().seq(B).ack(A + 1));
        assertEquals(TcpState.FIN_WAIT_2, c.state());
        assertThrows(IllegalStateException.class, () -> c.send(Unpooled.wrappedBuffer(new byte[1])));
        s.send(seg().psh().seq(B).ack(A + 1).payload("still here"));
        assertArrayEquals("still here".getBytes(), TcpScript.read(c));
        // No FIN-WAIT-2 timeout while the user still reads.
        s.advance(Duration.ofSeconds(60));
        assertEquals(TcpState.FIN_WAIT_2, c.state());
    }

    @Test
    void orphanedFinWait2TimesOut() {
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        c.close();
        s.next();
        s.send(seg().seq(B).ack(A + 1));
        s.advanceMillis(4999);
        assertEquals(TcpState.FIN_WAIT_2, c.state());
        s.advanceMillis(1);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpCloseReason.TIMEOUT, s.handler.closed);
    }

    @Test
    void finIsRetransmitted() {
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        c.close();
        s.expect(seg().fin().seq(A).ack(B));
        s.advanceMillis(1000);
        s.expect(seg().fin().seq(A).ack(B));
        s.advanceMillis(2000);
        s.expect(seg().fin().seq(A).ack(B));
    }

    @Test
    void timeWaitAcksRetransmittedFinAndRestartsTimer() {
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        c.close();
        s.next();
        s.send(seg().fin().seq(B).ack(A + 1));
        s.next();
        s.advanceMillis(1500);
        s.send(seg().fin().seq(B).ack(A + 1));
        s.expect(seg().seq(A + 1).ack(B + 1));
        s.advanceMillis(1500);
        assertEquals(TcpState.TIME_WAIT, c.state());
        s.advanceMillis(500);
        assertEquals(TcpState.CLOSED, c.state());
    }

    @Test
    void newerSynInTimeWaitOpensNewConnection() {
        // RFC 6191 / RFC 9293 §3.10.7.4: a SYN beyond RCV.NXT reopens a TIME-WAIT 4-tuple for a listener.
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        c.close();
        s.next();
        s.send(seg().fin().seq(B).ack(A + 1));
        s.next();
        s.send(seg().syn().seq(B + 100_000));
        s.expect(seg().syn().seq(ISS).ack(B + 100_001));
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(1, s.layer.connectionCount());
    }

    @Test
    void oldSynInTimeWaitGetsChallengeAck() {
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        c.close();
        s.next();
        s.send(seg().fin().seq(B).ack(A + 1));
        s.next();
        s.send(seg().syn().seq(B));
        s.expect(seg().seq(A + 1).ack(B + 1));
        assertEquals(TcpState.TIME_WAIT, c.state());
    }

    @Test
    void abortSendsRst() {
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        c.abort();
        s.expect(seg().rst().seq(A));
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpCloseReason.ABORTED, s.handler.closed);
        assertEquals(0, s.layer.connectionCount());
    }

    @Test
    void closeWithUnreadDataResets() {
        // RFC 2525 §2.17
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        s.send(seg().psh().seq(B).ack(A).payload("unread"));
        c.close();
        s.expect(seg().rst().seq(A));
        assertEquals(TcpState.CLOSED, c.state());
    }

    @Test
    void dataAfterCloseResets() {
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        c.close();
        s.next();
        s.send(seg().psh().seq(B).ack(A + 1).payload("late"));
        s.expect(seg().rst().seq(A + 1));
        assertEquals(TcpState.CLOSED, c.state());
    }

    @Test
    void closeInSynSentDeletesTheTcb() {
        TcpScript s = script();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.next();
        c.close();
        s.expectNothing();
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(0, s.layer.connectionCount());
    }

    @Test
    void closeInSynReceivedSendsFinOnceEstablished() {
        TcpScript s = script();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.next();
        s.send(seg().syn().seq(PEER_ISS));
        s.next();
        c.close();
        s.expectNothing();
        s.send(seg().seq(B).ack(A));
        assertEquals(TcpState.FIN_WAIT_1, c.state());
        s.expect(seg().fin().seq(A).ack(B));
    }

    @Test
    void outOfOrderFinIsHeldUntilTheHoleFills() {
        TcpScript s = script();
        TcpConnection c = s.acceptConnection();
        s.send(seg().fin().seq(B + 3).ack(A).payload("def"));
        s.expect(seg().seq(A).ack(B));
        assertFalse(c.isInputShutdown());
        s.send(seg().seq(B).ack(A).payload("abc"));
        s.expect(seg().seq(A).ack(B + 7));
        assertEquals(TcpState.CLOSE_WAIT, c.state());
        assertArrayEquals("abcdef".getBytes(), TcpScript.read(c));
        assertTrue(c.isInputShutdown());
        assertNull(s.handler.closed);
    }
}
