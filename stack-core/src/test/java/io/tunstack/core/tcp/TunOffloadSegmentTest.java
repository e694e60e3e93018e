package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static io.tunstack.core.tcp.TcpScript.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * What TUN offloads hand the TCP layer: super-segments of many MSS in one packet (kernel TSO/GSO). RFC 9293
 * §3.10.7.4 bounds a segment by the receive window, not by the MSS, so they are taken whole.
 */
class TunOffloadSegmentTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;
    private static final int WINDOW = 65535;

    @Test
    void anInWindowSegmentOfManyMssIsAcceptedWholeAndAckedAtOnce() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B).ack(A).data(0, 40_000));
        s.expect(seg().seq(A).ack(B + 40_000).window(WINDOW - 40_000));
        assertArrayEquals(pattern(0, 40_000), TcpScript.read(c));
    }

    @Test
    void aSuperSegmentReachingPastTheWindowIsCutAtItsRightEdge() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B).ack(A).data(0, 60_000));
        s.expect(seg().seq(A).ack(B + 60_000).window(WINDOW - 60_000));
        s.send(seg().seq(B + 60_000).ack(A).data(60_000, 10_000));
        s.expect(seg().seq(A).ack(B + WINDOW).window(0));
        assertArrayEquals(pattern(0, WINDOW), TcpScript.read(c));
    }
}
