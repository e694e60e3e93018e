package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static io.tunstack.core.tcp.TcpScript.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Header prediction, as packet scripts: which segments take the short path (the layer's predicted counters say),
 * and that those which must not still get the general rules' answer. {@code TcpTransferTest} checks that a whole
 * impaired transfer is the same on the wire with and without prediction.
 */
class TcpHeaderPredictionTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;
    private static final int WINDOW = 65535;
    private static final int MSS = 1460;

    private static long predictedText(TcpScript s) {
        return s.layer.counters().predictedText();
    }

    private static long predictedAcks(TcpScript s) {
        return s.layer.counters().predictedAcks();
    }

    @Test
    void inOrderTextIsPredictedAndAcknowledgedEverySecondSegment() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        for (int i = 0; i < 4; i++) {
            s.send(seg().seq(B + i * MSS).ack(A).data(i * MSS, MSS));
            if (i % 2 == 1) {
                s.expect(seg().seq(A).ack(B + (i + 1) * MSS).window(WINDOW - (i + 1) * MSS));
            }
            s.expectNothing();
        }
        assertEquals(4, predictedText(s));
        assertArrayEquals(pattern(0, 4 * MSS), TcpScript.read(c));
    }

    @Test
    void aNewWindowTakesTheGeneralPathAndTheNextSegmentIsPredictedAgain() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B).ack(A).window(30000).data(0, 100));
        assertEquals(0, predictedText(s));
        assertEquals(30000, c.sndWnd());
        s.send(seg().seq(B + 100).ack(A).window(30000).data(100, 100));
        assertEquals(1, predictedText(s));
        assertArrayEquals(pattern(0, 200), TcpScript.read(c));
    }

    @Test
    void textWhileOurDataIsInFlightTakesTheGeneralPath() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.write(c, pattern(0, 100));
        s.expect(seg().psh().seq(A).ack(B).data(0, 100));
        // Text that does not acknowledge ours, then text that does: neither is predicted.
        s.send(seg().seq(B).ack(A).data(0, 100));
        s.send(seg().seq(B + 100).ack(A + 100).data(100, 100));
        assertEquals(0, predictedText(s));
        assertEquals(WINDOW, c.sendBufferFree());
        s.advanceMillis(40);
        s.expect(seg().seq(A + 100).ack(B + 200).window(WINDOW - 200));
        // Nothing of ours in flight any more: predicted again.
        s.send(seg().seq(B + 200).ack(A + 100).data(200, 100));
        assertEquals(1, predictedText(s));
        assertArrayEquals(pattern(0, 300), TcpScript.read(c));
    }

    @Test
    void outOfOrderTextAndTheSegmentFillingTheHoleTakeTheGeneralPath() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B + 100).ack(A).data(100, 100));
        s.expect(seg().seq(A).ack(B).window(WINDOW));
        s.send(seg().seq(B).ack(A).data(0, 100));
        s.expect(seg().seq(A).ack(B + 200).window(WINDOW - 200));
        assertEquals(0, predictedText(s));
        s.send(seg().seq(B + 200).ack(A).data(200, 100));
        assertEquals(1, predictedText(s));
        assertArrayEquals(pattern(0, 300), TcpScript.read(c));
    }

    @Test
    void textBeyondTheWindowIsTrimmedByTheGeneralPath() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().receiveBufferSize(1000));
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, s.accepted::add);
        s.send(seg().syn().seq(PEER_ISS).mss(MSS));
        s.next();
        s.send(seg().seq(B).ack(A));
        TcpConnection c = s.accepted.get(0);
        s.send(seg().seq(B).ack(A).data(0, 1200));
        assertEquals(0, predictedText(s));
        s.expect(seg().seq(A).ack(B + 1000).window(0));
        assertArrayEquals(pattern(0, 1000), TcpScript.read(c));
    }

    @Test
    void finRstSynAndUrgentSegmentsAreNotPredicted() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().urg(10).seq(B).ack(A).data(0, 100));
        s.send(seg().fin().seq(B + 100).ack(A).data(100, 100));
        assertEquals(0, predictedText(s));
        assertEquals(TcpState.CLOSE_WAIT, c.state());
    }

    @Test
    void textAfterTheUserClosedIsAnsweredWithAReset() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        c.close();
        s.expect(seg().fin().seq(A).ack(B).window(WINDOW));
        s.send(seg().seq(B).ack(A).data(0, 100));
        assertEquals(0, predictedText(s));
        s.expect(seg().rst().seq(A + 1).window(0));
        assertEquals(TcpState.CLOSED, c.state());
    }

    @Test
    void anAckOfNewDataIsPredictedButNotItsDuplicate() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.write(c, pattern(0, 2 * MSS));
        s.next();
        s.next();
        s.send(seg().seq(B).ack(A + MSS));
        assertEquals(1, predictedAcks(s));
        assertEquals(WINDOW - MSS, c.sendBufferFree());
        s.send(seg().seq(B).ack(A + MSS));
        s.send(seg().seq(B).ack(A + 3 * MSS));
        assertEquals(1, predictedAcks(s), "a duplicate, and an ACK of data never sent, are not predicted");
        s.send(seg().seq(B).ack(A + 2 * MSS));
        assertEquals(2, predictedAcks(s));
        assertEquals(WINDOW, c.sendBufferFree());
    }

    @Test
    void pawsStillRejectsAnOldTimestamp() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().timestamps(true));
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, s.accepted::add);
        s.send(seg().syn().seq(PEER_ISS).mss(MSS).ts(100, 0));
        int synAckTs = s.next().header().tsVal;
        s.send(seg().seq(B).ack(A).ts(101, synAckTs));
        TcpConnection c = s.accepted.get(0);
        s.send(seg().seq(B).ack(A).ts(102, synAckTs).data(0, 100));
        assertEquals(1, predictedText(s));
        // RFC 7323 §5.3 R1: TSval 50 < TS.Recent 101: dropped and acknowledged, not predicted.
        s.send(seg().seq(B + 100).ack(A).ts(50, synAckTs).data(100, 100));
        assertEquals(1, predictedText(s));
        assertEquals(1, s.layer.counters().dropped(TcpDropReason.PAWS));
        TcpScript.Sent ack = s.next();
        assertEquals(B + 100, ack.header().ack);
        assertEquals(102, ack.header().tsEcr, "TS.Recent from the predicted segment, the old TSval ignored");
        assertArrayEquals(pattern(0, 100), TcpScript.read(c));
    }

    @Test
    void withoutPredictionEverySegmentTakesTheGeneralPath() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().headerPrediction(false));
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B).ack(A).data(0, MSS));
        s.send(seg().seq(B + MSS).ack(A).data(MSS, MSS));
        s.expect(seg().seq(A).ack(B + 2 * MSS).window(WINDOW - 2 * MSS));
        assertEquals(0, predictedText(s));
        assertArrayEquals(pattern(0, 2 * MSS), TcpScript.read(c));
    }
}
