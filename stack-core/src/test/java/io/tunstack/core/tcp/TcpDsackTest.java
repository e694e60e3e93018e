package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;

import org.junit.jupiter.api.Test;

/** The receiver reports duplicate segments in the first SACK block (RFC 2883 §4). */
class TcpDsackTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;

    private static TcpScript sackScript() {
        return new TcpScript(TcpScript.baseConfig().sack(true));
    }

    @Test
    void aDuplicateBelowRcvNxtIsReportedOnce() {
        TcpScript s = sackScript();
        s.acceptConnection(true);
        s.send(seg().seq(B).ack(A).data(0, 100));
        s.advanceMillis(40);
        s.expect(seg().seq(A).ack(B + 100));
        s.send(seg().seq(B).ack(A).data(0, 100));
        s.expect(seg().seq(A).ack(B + 100).sack(B, B + 100));
        s.send(seg().seq(B + 100).ack(A).data(100, 100));
        s.advanceMillis(40);
        s.expect(seg().seq(A).ack(B + 200).sack());
    }

    @Test
    void aPartlyDuplicateSegmentReportsTheDuplicatePart() {
        TcpScript s = sackScript();
        s.acceptConnection(true);
        s.send(seg().seq(B).ack(A).data(0, 100));
        s.advanceMillis(40);
        s.expect(seg().seq(A).ack(B + 100));
        s.send(seg().seq(B + 50).ack(A).data(50, 100));
        s.advanceMillis(40);
        s.expect(seg().seq(A).ack(B + 150).sack(B + 50, B + 100));
    }

    @Test
    void aDuplicateOfOutOfOrderDataIsFollowedByItsBlock() {
        TcpScript s = sackScript();
        s.acceptConnection(true);
        s.send(seg().seq(B + 100).ack(A).data(100, 100));
        s.expect(seg().seq(A).ack(B).sack(B + 100, B + 200));
        s.send(seg().seq(B + 300).ack(A).data(300, 100));
        s.expect(seg().seq(A).ack(B).sack(B + 300, B + 400, B + 100, B + 200));
        // RFC 2883 §4.1.2: the D-SACK block, then the block that holds it, then the others.
        s.send(seg().seq(B + 100).ack(A).data(100, 100));
        s.expect(seg().seq(A).ack(B).sack(B + 100, B + 200, B + 100, B + 200, B + 300, B + 400));
    }
}
