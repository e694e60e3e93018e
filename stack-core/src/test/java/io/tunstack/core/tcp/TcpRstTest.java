package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** RST processing (RFC 9293 §3.10.7.4 second step) hardened by RFC 5961 §3, §4, §5 and §7. */
class TcpRstTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;

    /** Brings an accepted connection into {@code state}; returns the RCV.NXT to use for an exact RST. */
    private static int driveTo(TcpScript s, TcpConnection c, TcpState state) {
        switch (state) {
            case ESTABLISHED -> {
                return B;
            }
            case FIN_WAIT_1 -> {
                c.close();
                s.next();
                return B;
            }
            case FIN_WAIT_2 -> {
                c.close();
                s.next();
                s.send(seg().seq(B).ack(A + 1));
                return B;
            }
            case CLOSE_WAIT -> {
                s.send(seg().fin().seq(B).ack(A));
                s.next();
                return B + 1;
            }
            case LAST_ACK -> {
                s.send(seg().fin().seq(B).ack(A));
                s.next();
                c.close();
                s.next();
                return B + 1;
            }
            case CLOSING -> {
                c.close();
                s.next();
                s.send(seg().fin().seq(B).ack(A));
                s.next();
                return B + 1;
            }
            case TIME_WAIT -> {
                c.close();
                s.next();
                s.send(seg().fin().seq(B).ack(A + 1));
                s.next();
                return B + 1;
            }
            default -> throw new IllegalArgumentException(state.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TcpState.class, names = {"ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT"})
    void exactRstClosesEveryState(TcpState state) {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        int rcvNxt = driveTo(s, c, state);
        assertEquals(state, c.state());
        s.send(seg().rst().seq(rcvNxt));
        s.expectNothing();
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(0, s.layer.connectionCount());
        TcpCloseReason expected = switch (state) {
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> TcpCloseReason.RESET;
            default -> TcpCloseReason.NORMAL;
        };
        assertEquals(expected, s.handler.closed);
    }

    @ParameterizedTest
    @EnumSource(value = TcpState.class, names = {"ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT"})
    void inWindowRstGetsChallengeAckInEveryState(TcpState state) {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        int rcvNxt = driveTo(s, c, state);
        s.send(seg().rst().seq(rcvNxt + 100));
        TcpScript.Sent ack = s.next();
        assertEquals(rcvNxt, ack.header().ack);
        assertEquals(state, c.state());
        assertEquals(1, s.layer.counters().challengeAcks());
    }

    @Test
    void rstInSimultaneousOpenSynReceivedIsRefused() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.next();
        s.send(seg().syn().seq(PEER_ISS));
        s.next();
        s.send(seg().rst().seq(B));
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpCloseReason.REFUSED, s.handler.closed);
    }

    @Test
    void rstOutsideTheWindowIsDroppedSilently() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().rst().seq(B + 70_000));
        s.send(seg().rst().seq(B - 1));
        s.expectNothing();
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals(2, s.layer.counters().dropped(TcpDropReason.RST_IGNORED));
    }

    @Test
    void halfOpenConnectionDiscovery() {
        // RFC 9293 Figure 10: the peer lost its state and answers our data with <SEQ=SEG.ACK><CTL=RST>,
        // which is exactly RCV.NXT... from its point of view our ACK field, so ours is its SEQ.
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.write(c, "hello".getBytes());
        s.expect(seg().psh().seq(A).ack(B).payload("hello"));
        s.send(seg().rst().seq(B));
        assertEquals(TcpCloseReason.RESET, s.handler.closed);
    }

    @Test
    void synInEstablishedGetsChallengeAck() {
        // RFC 5961 §4.2: any SYN, in window or not, draws an ACK and never resets.
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().syn().seq(B + 10));
        s.expect(seg().seq(A).ack(B));
        s.send(seg().syn().seq(PEER_ISS - 1000));
        s.expect(seg().seq(A).ack(B));
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals(1, s.layer.counters().challengeAcks());
    }

    @Test
    void ackOlderThanMaxSendWindowIsDroppedWithAck() {
        // RFC 5961 §5.2: SEG.ACK below SND.UNA − MAX.SND.WND is unacceptable; the text is not delivered.
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B).ack(A - 70_000).payload("data"));
        s.expect(seg().seq(A).ack(B));
        assertEquals(0, c.readableBytes());
        assertEquals(1, s.layer.counters().dropped(TcpDropReason.BAD_ACK));
        // Within MAX.SND.WND below SND.UNA is an old duplicate ACK: the text is taken.
        s.send(seg().seq(B).ack(A - 1000).payload("data"));
        assertEquals(4, c.readableBytes());
    }

    @Test
    void ackForUnsentDataIsDroppedWithAck() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B).ack(A + 10).payload("data"));
        s.expect(seg().seq(A).ack(B));
        assertEquals(0, c.readableBytes());
    }

    @Test
    void challengeAcksAreRateLimited() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().challengeAcksPerSecond(2));
        s.acceptConnection();
        for (int i = 0; i < 3; i++) {
            s.send(seg().rst().seq(B + 1 + i));
        }
        s.next();
        s.next();
        s.expectNothing();
        assertEquals(1, s.layer.counters().dropped(TcpDropReason.CHALLENGE_ACK_LIMITED));
        s.advance(Duration.ofSeconds(1));
        s.send(seg().rst().seq(B + 5));
        s.expect(seg().seq(A).ack(B));
    }

    @Test
    void segmentOutsideWindowIsAcked() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B + 65535).ack(A).payload("x"));
        s.expect(seg().seq(A).ack(B));
        s.send(seg().seq(B - 10).ack(A).payload("old"));
        s.expect(seg().seq(A).ack(B));
        assertEquals(0, c.readableBytes());
        assertNull(s.handler.closed);
        assertEquals(2, s.layer.counters().dropped(TcpDropReason.OUT_OF_WINDOW));
    }

}
