package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opening connections: RFC 9293 §3.5 and the LISTEN / SYN-SENT rules of §3.10.7.2 and §3.10.7.3. */
class TcpHandshakeTest {

    @Test
    void passiveOpenListenSynReceivedEstablished() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        assertEquals(1, s.layer.connectionCount());
        assertEquals(ISS + 1, c.sndUna());
        assertEquals(PEER_ISS + 1, c.rcvNxt());
    }

    /** RFC 9293 §3.10.7.2: text on a SYN is queued (not dropped), acknowledged by the SYN-ACK, read after accept. */
    @Test
    void textOnASynIsQueuedUntilTheHandshakeCompletes() {
        TcpScript s = new TcpScript();
        List<String> events = new ArrayList<>();
        List<TcpConnection> accepted = new ArrayList<>();
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> {
            events.add("accepted " + c.readableBytes());
            accepted.add(c);
            c.setHandler(new TcpHandler() {
                @Override
                public void onReadable(TcpConnection connection) {
                    events.add("readable " + connection.readableBytes());
                }
            });
        });
        s.send(seg().syn().seq(PEER_ISS).mss(1460).window(65535).payload("early"));
        s.expect(seg().syn().seq(ISS).ack(PEER_ISS + 6).mss(1460).window(65535 - 5));
        assertEquals(List.of(), events, "nothing reaches the application before the handshake");

        s.send(seg().seq(PEER_ISS + 6).ack(ISS + 1).window(65535));
        s.expectNothing();
        assertEquals(List.of("accepted 5", "readable 5"), events);
        assertEquals("early", new String(TcpScript.read(accepted.get(0)), StandardCharsets.US_ASCII));
    }

    @Test
    void activeOpenSynSentEstablished() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.connect();
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals(65535, c.sndWnd());
    }

    @Test
    void synAckCarriesOnlyOptionsThePeerOffered() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().timestamps(true).sack(true).windowScaling(true)
                .receiveBufferSize(1 << 20));
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> { });
        s.send(seg().syn().seq(PEER_ISS).mss(1400));
        TcpScript.Sent plain = s.next();
        assertEquals(-1, plain.header().windowScale);
        assertEquals(false, plain.header().sackPermitted);
        assertEquals(false, plain.header().hasTimestamp);
        s.send(seg().syn().seq(PEER_ISS + 100).mss(1400).wscale(7).sackPermitted().ts(77, 0).ports(40001, 80));
        TcpScript.Sent synAck = s.next();
        assertEquals(5, synAck.header().windowScale, "1 MiB buffer needs shift 5");
        assertTrue(synAck.header().sackPermitted);
        assertTrue(synAck.header().hasTimestamp);
        assertEquals(77, synAck.header().tsEcr);
    }

    @Test
    void synAckWithoutOptionsUsesDefaultMss() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.next();
        s.send(seg().syn().seq(PEER_ISS).ack(ISS + 1).window(8000));
        s.expect(seg().seq(ISS + 1).ack(PEER_ISS + 1));
        s.write(c, TcpScript.pattern(0, 2000));
        // RFC 9293 §3.7.1: without an MSS option the send MSS is 536.
        s.expect(seg().seq(ISS + 1).ack(PEER_ISS + 1).data(0, 536));
    }

    @Test
    void simultaneousOpen() {
        // RFC 9293 Figure 8: both sides send SYN; each answers with SYN-ACK; both reach ESTABLISHED.
        TcpScript s = new TcpScript();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.expect(seg().syn().seq(ISS));
        s.send(seg().syn().seq(PEER_ISS).mss(1460));
        assertEquals(TcpState.SYN_RECEIVED, c.state());
        s.expect(seg().syn().seq(ISS).ack(PEER_ISS + 1).mss(1460));
        s.send(seg().syn().seq(PEER_ISS).ack(ISS + 1).mss(1460));
        // The peer's SYN-ACK repeats its SYN: the SYN-RECEIVED duplicate-SYN rule answers with our SYN-ACK
        // again only for a bare SYN; a SYN-ACK here is a SYN in a synchronized state.
        s.send(seg().seq(PEER_ISS + 1).ack(ISS + 1));
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertTrue(s.handler.connected);
    }

    @Test
    void simultaneousOpenCompletedBySynAck() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.next();
        s.send(seg().syn().seq(PEER_ISS));
        s.expect(seg().syn().seq(ISS).ack(PEER_ISS + 1));
        s.send(seg().seq(PEER_ISS + 1).ack(ISS + 1));
        assertEquals(TcpState.ESTABLISHED, c.state());
        s.expectNothing();
    }

    @Test
    void rstWithAcceptableAckInSynSentIsRefused() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.next();
        s.send(seg().rst().ack(ISS + 1));
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpCloseReason.REFUSED, s.handler.closed);
        assertEquals(0, s.layer.connectionCount());
        assertEquals(Long.MAX_VALUE, s.layer.nextDeadline());
    }

    @Test
    void rstWithoutAckInSynSentIsIgnored() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.next();
        s.send(seg().rst().seq(0));
        assertEquals(TcpState.SYN_SENT, c.state());
        assertEquals(1, s.layer.counters().dropped(TcpDropReason.RST_IGNORED));
    }

    @Test
    void unacceptableAckInSynSentIsAnsweredWithRst() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.next();
        s.send(seg().syn().seq(PEER_ISS).ack(ISS + 50));
        s.expect(seg().rst().seq(ISS + 50));
        assertEquals(TcpState.SYN_SENT, c.state());
    }

    @Test
    void synRetransmittedWithExponentialBackoffThenTimeout() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().maxSynRetransmissions(3).connectTimeout(Duration.ofSeconds(100)));
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.expect(seg().syn().seq(ISS));
        // RFC 6298 §2.1 initial RTO 1 s, then §5.5 doubling: 1, 2, 4 s.
        for (long waitMs : new long[] {1000, 2000, 4000}) {
            s.advanceMillis(waitMs - 1);
            s.expectNothing();
            s.advanceMillis(1);
            s.expect(seg().syn().seq(ISS));
        }
        s.advanceMillis(8000);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(TcpCloseReason.TIMEOUT, s.handler.closed);
        assertEquals(3, s.layer.counters().retransmissions());
    }

    @Test
    void connectTimeout() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().connectTimeout(Duration.ofMillis(2500)));
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.advanceMillis(2499);
        assertEquals(TcpState.SYN_SENT, c.state());
        s.advanceMillis(1);
        assertEquals(TcpCloseReason.TIMEOUT, s.handler.closed);
    }

    @Test
    void rtoAfterRetransmittedSynIsAtLeastThreeSeconds() {
        // RFC 6298 §5.7
        TcpScript s = new TcpScript();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.next();
        s.advanceMillis(1000);
        s.next();
        s.send(seg().syn().seq(PEER_ISS).ack(ISS + 1).mss(1460));
        s.next();
        assertEquals(3_000_000_000L, c.stats().rtoNanos());
    }

    @Test
    void segmentToClosedPortIsReset() {
        TcpScript s = new TcpScript();
        // RFC 9293 §3.10.7.1: without ACK, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
        s.send(seg().syn().seq(PEER_ISS));
        s.expect(seg().rst().seq(0).ack(PEER_ISS + 1));
        s.send(seg().seq(PEER_ISS).payload("abc").fin());
        s.expect(seg().rst().seq(0).ack(PEER_ISS + 4));
        // With ACK: <SEQ=SEG.ACK><CTL=RST>.
        s.send(seg().seq(PEER_ISS).ack(777));
        s.expect(seg().rst().seq(777));
        // A RST is never answered.
        s.send(seg().rst().seq(PEER_ISS));
        s.expectNothing();
        assertEquals(3, s.layer.counters().resetsSent());
    }

    @Test
    void ackToListenerIsReset() {
        TcpScript s = new TcpScript();
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> { });
        s.send(seg().seq(PEER_ISS).ack(4242));
        s.expect(seg().rst().seq(4242));
        s.send(seg().rst().seq(PEER_ISS));
        s.expectNothing();
        assertEquals(0, s.layer.connectionCount());
    }

    @Test
    void backlogBoundsHalfOpenConnections() {
        TcpScript s = new TcpScript();
        TcpListener l = s.layer.listen(0, TcpScript.LOCAL_PORT, 2, c -> { });
        for (int port = 40001; port <= 40003; port++) {
            s.send(seg().syn().seq(PEER_ISS).ports(port, TcpScript.LOCAL_PORT));
        }
        s.next();
        s.next();
        s.expectNothing();
        assertEquals(2, l.halfOpenCount());
        assertEquals(1, s.layer.counters().dropped(TcpDropReason.BACKLOG_FULL));
        // Completing one handshake frees a slot.
        s.send(seg().seq(PEER_ISS + 1).ack(ISS + 1).ports(40001, TcpScript.LOCAL_PORT));
        assertEquals(1, l.halfOpenCount());
        s.send(seg().syn().seq(PEER_ISS).ports(40003, TcpScript.LOCAL_PORT));
        s.expect(seg().syn().seq(ISS).ack(PEER_ISS + 1).ports(TcpScript.LOCAL_PORT, 40003));
    }

    @Test
    void synAckRetransmittedWhenPeerRepeatsSyn() {
        TcpScript s = new TcpScript();
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> { });
        s.send(seg().syn().seq(PEER_ISS));
        s.expect(seg().syn().seq(ISS).ack(PEER_ISS + 1));
        s.send(seg().syn().seq(PEER_ISS));
        s.expect(seg().syn().seq(ISS).ack(PEER_ISS + 1));
        s.advanceMillis(1000);
        s.expect(seg().syn().seq(ISS).ack(PEER_ISS + 1));
    }

    @Test
    void oldDuplicateSynRecovery() {
        // RFC 9293 Figure 9, seen from B (the listener): an old SYN (seq 90) arrives, B answers SYN-ACK 91;
        // A answers that with RST seq 91 and B returns to LISTEN; A's real SYN (seq 100) then succeeds.
        TcpScript s = new TcpScript();
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> s.accepted.add(c));
        s.send(seg().syn().seq(90));
        s.expect(seg().syn().seq(ISS).ack(91));
        s.send(seg().rst().seq(91));
        assertEquals(0, s.layer.connectionCount());
        s.send(seg().syn().seq(100));
        s.expect(seg().syn().seq(ISS).ack(101));
        s.send(seg().seq(101).ack(ISS + 1));
        assertEquals(1, s.accepted.size());
        assertEquals(TcpState.ESTABLISHED, s.accepted.get(0).state());
    }

    @Test
    void oldDuplicateSynAckIsResetByTheActiveOpener() {
        // RFC 9293 Figure 9, seen from A: a SYN-ACK acknowledging an old ISS draws <SEQ=SEG.ACK><CTL=RST>.
        TcpScript s = new TcpScript();
        TcpConnection c = s.layer.connect(TcpScript.LOCAL, 80, TcpScript.REMOTE, TcpScript.REMOTE_PORT, s.handler);
        s.next();
        s.send(seg().syn().seq(300).ack(ISS - 900));
        s.expect(seg().rst().seq(ISS - 900));
        s.send(seg().syn().seq(PEER_ISS).ack(ISS + 1));
        s.expect(seg().seq(ISS + 1).ack(PEER_ISS + 1));
        assertEquals(TcpState.ESTABLISHED, c.state());
    }

    @Test
    void badAckInSynReceivedIsReset() {
        TcpScript s = new TcpScript();
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> { });
        s.send(seg().syn().seq(PEER_ISS));
        s.next();
        s.send(seg().seq(PEER_ISS + 1).ack(ISS + 7));
        s.expect(seg().rst().seq(ISS + 7));
    }

    @Test
    void ephemeralPortsAreDistinctAndInTheDynamicRange() {
        TcpScript s = new TcpScript();
        TcpConnection a = s.layer.connect(TcpScript.LOCAL, TcpScript.REMOTE, 443, s.handler);
        TcpConnection b = s.layer.connect(TcpScript.LOCAL, TcpScript.REMOTE, 443, s.handler);
        assertNotEquals(a.localPort(), b.localPort());
        assertTrue(a.localPort() >= 49152 && b.localPort() >= 49152);
        assertThrows(IllegalStateException.class,
                () -> s.layer.connect(TcpScript.LOCAL, a.localPort(), TcpScript.REMOTE, 443, s.handler));
    }

    @Test
    void isnFollowsRfc6528() {
        IsnGenerator g = new IsnGenerator(1, 2);
        int a = g.iss(1, 2, 3, 4, 0);
        // M advances every 4 µs.
        assertEquals(a + 250, g.iss(1, 2, 3, 4, 1_000_000));
        // F depends on the 4-tuple.
        assertNotEquals(a, g.iss(1, 2, 3, 5, 0));
        assertNotEquals(a, new IsnGenerator(1, 3).iss(1, 2, 3, 4, 0));
    }
}
