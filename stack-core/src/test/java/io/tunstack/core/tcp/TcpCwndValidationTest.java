package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static io.tunstack.core.tcp.TcpScript.pattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Congestion window validation (RFC 7661): an application-limited sender keeps, but does not grow, its cwnd. */
class TcpCwndValidationTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;
    private static final int MSS = 1460;

    /** Everything sent so far, then 100 ms later one ACK per segment. */
    private static void ackRound(TcpScript s) {
        List<TcpScript.Sent> sent = new ArrayList<>();
        for (TcpScript.Sent x = s.poll(); x != null; x = s.poll()) {
            sent.add(x);
        }
        s.advanceMillis(100);
        for (TcpScript.Sent x : sent) {
            s.send(seg().seq(B).ack(x.header().seq + x.payload().length));
        }
    }

    /** A sender that writes one small message per round trip. */
    private static int trickle(TcpScript s, TcpConnection c, int from, int rounds) {
        int offset = from;
        for (int i = 0; i < rounds; i++) {
            s.write(c, pattern(offset, 100));
            offset += 100;
            ackRound(s);
        }
        return offset;
    }

    @Test
    void anApplicationLimitedSenderDoesNotGrowCwnd() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        int iw = c.stats().cwnd();
        trickle(s, c, 0, 50);
        // Slow start would have added 100 bytes an ACK without RFC 7661.
        assertEquals(iw, c.stats().cwnd());
    }

    @Test
    void aCwndLimitedSenderGrowsItAndAfterFiveMinutesUnusedItIsHalved() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.write(c, pattern(0, 40 * MSS));
        for (int round = 0; round < 3; round++) {
            ackRound(s);
        }
        int grown = c.stats().cwnd();
        assertTrue(grown >= 40 * MSS, "slow start while cwnd-limited: " + grown);
        // 100 bytes a round trip: the non-validated phase keeps cwnd as it is...
        int offset = trickle(s, c, 40 * MSS, 100);
        assertEquals(grown, c.stats().cwnd());
        // ...until it has lasted five minutes (RFC 7661 §4.4.2): cwnd = max(cwnd / 2, IW).
        trickle(s, c, offset, 2950);
        assertEquals(grown / 2, c.stats().cwnd());
        assertEquals(Integer.MAX_VALUE, c.stats().ssthresh(), "max(ssthresh, 3/4·cwnd): no loss set it yet");
    }
}
