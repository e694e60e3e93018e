package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static io.tunstack.core.tcp.TcpScript.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.wire.WireError;
import org.junit.jupiter.api.Test;

/** Data transfer: delayed ACK, reassembly, Nagle, SWS avoidance, flow control and window scaling. */
class TcpDataTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;
    private static final int WINDOW = 65535;

    @Test
    void delayedAckFiresAfterTheTimer() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().psh().seq(B).ack(A).data(0, 100));
        s.advanceMillis(39);
        s.expectNothing();
        s.advanceMillis(1);
        s.expect(seg().seq(A).ack(B + 100).window(WINDOW - 100));
        assertArrayEquals(pattern(0, 100), TcpScript.read(c));
    }

    @Test
    void anAckAtTheRightEdgeOfAWindowFilledPastAHoleIsProcessed() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.write(c, pattern(0, 1000));
        s.expect(seg().seq(A).ack(B).psh().data(0, 1000));
        // The peer's first 1000 bytes are lost; the rest fills the window up to its right edge.
        for (int offset = 1000; offset < WINDOW; offset += 1460) {
            s.send(seg().seq(B + offset).ack(A).data(offset, Math.min(1460, WINDOW - offset)));
        }
        while (s.poll() != null) {
            // duplicate ACKs for the hole
        }
        // Its next pure ACK has SEG.SEQ = SND.NXT = our right edge, and acknowledges our data.
        s.send(seg().seq(B + WINDOW).ack(A + 1000));
        assertEquals(c.sendBufferFree(), TcpScript.baseConfig().build().sendBufferSize(),
                "our 1000 bytes are acknowledged");
    }

    @Test
    void anAckBeyondARightEdgeRetractedByWindowScalingIsProcessed() {
        // 128 KiB needs shift 2: a window field counts 4 bytes, so once RCV.NXT moves by other than a multiple
        // of 4 the right edge is rounded up, or down by up to 3 bytes when the buffer has no room for more.
        TcpScript s = new TcpScript(TcpScript.baseConfig().windowScaling(true).receiveBufferSize(1 << 17));
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> s.accepted.add(c));
        s.send(seg().syn().seq(PEER_ISS).mss(1460).wscale(0).window(65535));
        s.next();
        s.send(seg().seq(B).ack(A).window(65535));
        TcpConnection c = s.accepted.get(0);
        s.write(c, pattern(0, 1000));
        s.next();
        s.send(seg().seq(B).ack(A).window(65535).data(0, 3));
        s.advanceMillis(40);
        TcpScript.Sent ack = s.next();
        int offeredEdge = ack.header().ack + (ack.header().window << 2);
        s.send(seg().seq(B + 3).ack(A).window(65535).data(3, 2));
        s.advanceMillis(40);
        ack = s.next();
        assertTrue(ack.header().ack + (ack.header().window << 2) - offeredEdge < 0, "the right edge was retracted");
        // The peer fills the window it was offered; the application reads nothing.
        for (int offset = 5; B + offset - offeredEdge < 0; offset += 1460) {
            s.send(seg().seq(B + offset).ack(A).window(65535).data(offset, Math.min(1460, offeredEdge - B - offset)));
        }
        while (s.poll() != null) {
            // our ACKs, the last with a zero window
        }
        assertTrue(c.rcvNxt() - offeredEdge < 0, "the bytes beyond the retracted edge were not stored");
        // Its pure ACK has SEG.SEQ = SND.NXT = the edge it was offered, past RCV.NXT + RCV.WND: it still counts.
        s.send(seg().seq(offeredEdge).ack(A + 1000).window(65535));
        assertEquals(TcpScript.baseConfig().build().sendBufferSize(), c.sendBufferFree(),
                "our 1000 bytes are acknowledged");
    }

    @Test
    void everySecondFullSegmentIsAckedAtOnce() {
        TcpScript s = new TcpScript();
        s.acceptConnection();
        s.send(seg().seq(B).ack(A).data(0, 1460));
        s.expectNothing();
        s.send(seg().seq(B + 1460).ack(A).data(1460, 1460));
        s.expect(seg().seq(A).ack(B + 2920).window(WINDOW - 2920));
        s.send(seg().seq(B + 2920).ack(A).data(2920, 1460));
        s.expectNothing();
    }

    @Test
    void inOrderTextIsVerifiedWhileCopiedAndACorruptSegmentLeavesNothingBehind() {
        // 1001-byte segments through a 4000-byte buffer cross its end at odd splits (3003 + 997 ...), where the
        // second part's sum is added byte-swapped.
        TcpScript s = new TcpScript(TcpScript.baseConfig().receiveBufferSize(4000));
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> c.setHandler(s.handler));
        s.send(seg().syn().seq(PEER_ISS).mss(1460));
        s.expect(seg().syn().seq(ISS).ack(B).window(4000));
        s.send(seg().seq(B).ack(A));
        TcpConnection c = s.layer.find(TcpScript.LOCAL, TcpScript.LOCAL_PORT, TcpScript.REMOTE, TcpScript.REMOTE_PORT);
        for (int i = 0, offset = 0; i < 12; i++, offset += 1001) {
            int readableCalls = s.handler.readable;
            s.sendCorrupted(seg().psh().seq(B + offset).ack(A).data(offset, 1001));
            assertEquals(i + 1, s.layer.counters().dropped(WireError.BAD_CHECKSUM));
            assertEquals(0, c.readableBytes(), "corrupt text is not delivered");
            assertEquals(readableCalls, s.handler.readable);
            s.expectNothing();
            s.send(seg().psh().seq(B + offset).ack(A).data(offset, 1001));
            assertArrayEquals(pattern(offset, 1001), TcpScript.read(c), "segment " + i);
            while (s.poll() != null) {
                // ACKs and window updates
            }
        }
    }

    @Test
    void aCorruptInOrderSegmentDoesNotOverwriteOutOfOrderData() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B + 1000).ack(A).data(1000, 1000));
        s.expect(seg().seq(A).ack(B).window(WINDOW));
        s.sendCorrupted(seg().seq(B).ack(A).data(0, 2000));
        assertEquals(1, s.layer.counters().dropped(WireError.BAD_CHECKSUM));
        s.send(seg().seq(B).ack(A).data(0, 1000));
        assertArrayEquals(pattern(0, 2000), TcpScript.read(c));
    }

    @Test
    void outOfOrderSegmentsAreAckedAtOnceAndReassembled() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B + 200).ack(A).data(200, 100));
        s.expect(seg().seq(A).ack(B).window(WINDOW));
        s.send(seg().seq(B + 100).ack(A).data(100, 100));
        s.expect(seg().seq(A).ack(B).window(WINDOW));
        assertEquals(0, c.readableBytes());
        // Filling the hole is acknowledged at once (RFC 5681 §4.2).
        s.send(seg().seq(B).ack(A).data(0, 100));
        s.expect(seg().seq(A).ack(B + 300).window(WINDOW - 300));
        assertArrayEquals(pattern(0, 300), TcpScript.read(c));
    }

    @Test
    void overlappingAndDuplicateSegmentsAreTrimmed() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B + 50).ack(A).data(50, 100));   // [50,150)
        s.next();
        s.send(seg().seq(B + 100).ack(A).data(100, 100)); // [100,200) overlaps
        s.next();
        s.send(seg().seq(B + 60).ack(A).data(60, 20));    // inside
        s.next();
        s.send(seg().seq(B).ack(A).data(0, 80));          // [0,80) overlaps the front range
        s.expect(seg().seq(A).ack(B + 200));
        s.send(seg().seq(B + 150).ack(A).data(150, 100)); // half old, half new
        s.advanceMillis(40);
        s.expect(seg().seq(A).ack(B + 250));
        s.send(seg().seq(B + 10).ack(A).data(10, 20));    // entirely old: immediate ACK
        s.expect(seg().seq(A).ack(B + 250));
        assertArrayEquals(pattern(0, 250), TcpScript.read(c));
        assertEquals(250, c.stats().bytesIn());
    }

    @Test
    void sackBlocksDescribeOutOfOrderData() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().sack(true));
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> { });
        s.send(seg().syn().seq(PEER_ISS).mss(1460).sackPermitted());
        s.expect(seg().syn().seq(ISS).ack(B).sackPermitted());
        s.send(seg().seq(B).ack(A));
        s.send(seg().seq(B + 100).ack(A).data(100, 100));
        s.expect(seg().seq(A).ack(B).sack(B + 100, B + 200));
        s.send(seg().seq(B + 300).ack(A).data(300, 100));
        // RFC 2018 §4: the block with the newest segment comes first.
        s.expect(seg().seq(A).ack(B).sack(B + 300, B + 400, B + 100, B + 200));
        s.send(seg().seq(B).ack(A).data(0, 100));
        s.expect(seg().seq(A).ack(B + 200).sack(B + 300, B + 400));
    }

    @Test
    void nagleHoldsSmallSegmentsWhileDataIsUnacknowledged() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.write(c, "a".getBytes());
        s.expect(seg().psh().seq(A).ack(B).payload("a"));
        s.write(c, "b".getBytes());
        s.write(c, "c".getBytes());
        s.expectNothing();
        s.send(seg().seq(B).ack(A + 1));
        s.expect(seg().psh().seq(A + 1).ack(B).payload("bc"));
    }

    @Test
    void noDelaySendsAtOnce() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        c.setNoDelay(true);
        s.write(c, "a".getBytes());
        s.write(c, "b".getBytes());
        s.expect(seg().psh().seq(A).ack(B).payload("a"));
        s.expect(seg().psh().seq(A + 1).ack(B).payload("b"));
    }

    @Test
    void fullSegmentsAreNotHeldByNagle() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.write(c, pattern(0, 3000));
        s.expect(seg().seq(A).ack(B).data(0, 1460));
        s.expect(seg().seq(A + 1460).ack(B).data(1460, 1460));
        s.expectNothing(); // the 80-byte tail waits for an ACK
        s.send(seg().seq(B).ack(A + 2920));
        s.expect(seg().psh().seq(A + 2920).ack(B).data(2920, 80));
    }

    @Test
    void senderSwsAvoidanceWaitsForAUsefulWindow() {
        // RFC 9293 §3.8.6.2.1: with 2000 bytes queued, a 500-byte window (< MSS, < half the max window 65535)
        // is not used at once; the override timer sends it after one RTO (200 ms here).
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        s.send(seg().seq(B).ack(A).window(500));
        s.write(c, pattern(0, 2000));
        s.expectNothing();
        s.advanceMillis(199);
        s.expectNothing();
        s.advanceMillis(1);
        s.expect(seg().seq(A).ack(B).data(0, 500));
    }

    /** Accepts a peer announcing MSS 1000; the SYN-ACK offers the whole {@code buffer}-byte receive buffer. */
    private static TcpConnection acceptMss1000(TcpScript s, int buffer) {
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> s.accepted.add(c));
        s.send(seg().syn().seq(PEER_ISS).mss(1000));
        s.expect(seg().syn().seq(ISS).ack(B).window(buffer));
        s.send(seg().seq(B).ack(A));
        return s.accepted.get(0);
    }

    @Test
    void receiverSwsAvoidanceAndWindowUpdateAfterRead() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().receiveBufferSize(4000));
        TcpConnection c = acceptMss1000(s, 4000);
        s.send(seg().seq(B).ack(A).data(0, 1000));
        s.send(seg().seq(B + 1000).ack(A).data(1000, 1000));
        s.expect(seg().seq(A).ack(B + 2000).window(2000));
        s.send(seg().seq(B + 2000).ack(A).data(2000, 1000));
        s.send(seg().seq(B + 3000).ack(A).data(3000, 1000));
        s.expect(seg().seq(A).ack(B + 4000).window(0));
        // Reading 500 bytes moves the right edge by less than min(RCV.BUFF / 2, MSS) = 1000: no update yet.
        ByteBuf dst = Unpooled.buffer(4000);
        dst.capacity(500);
        c.receive(dst);
        s.expectNothing();
        dst = Unpooled.buffer(2000, 2000);
        c.receive(dst);
        s.expect(seg().seq(A).ack(B + 4000).window(2500));
    }

    @Test
    void aReaderThatKeepsUpIsNotSentAWindowUpdatePerSegment() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().receiveBufferSize(8000));
        TcpConnection c = acceptMss1000(s, 8000);
        // Each segment read at once: the window could grow by a full MSS, but 7000 bytes are still offered, so the
        // update waits for the ACK every second segment brings (RFC 5681 §4.2).
        s.send(seg().seq(B).ack(A).data(0, 1000));
        assertArrayEquals(pattern(0, 1000), TcpScript.read(c));
        s.expectNothing();
        s.send(seg().seq(B + 1000).ack(A).data(1000, 1000));
        s.expect(seg().seq(A).ack(B + 2000).window(7000));
        assertArrayEquals(pattern(1000, 1000), TcpScript.read(c));
        s.expectNothing();
        // Unread, the rest fills the buffer: the window falls to 2000. Reading 1000 bytes would not double it, reading
        // 2000 more does: updated at once.
        for (int offset = 2000; offset < 8000; offset += 1000) {
            s.send(seg().seq(B + offset).ack(A).data(offset, 1000));
        }
        s.expect(seg().seq(A).ack(B + 4000).window(6000));
        s.expect(seg().seq(A).ack(B + 6000).window(4000));
        s.expect(seg().seq(A).ack(B + 8000).window(2000));
        ByteBuf dst = Unpooled.buffer(1000, 1000);
        c.receive(dst);
        s.expectNothing();
        dst = Unpooled.buffer(2000, 2000);
        c.receive(dst);
        s.expect(seg().seq(A).ack(B + 8000).window(5000));
    }

    @Test
    void zeroWindowProbesBackOff() {
        TcpScript s = new TcpScript();
        TcpConnection c = s.acceptConnection();
        // The handshake's RTT sample was 0, so RTO is the 200 ms minimum.
        assertEquals(200_000_000L, c.stats().rtoNanos());
        s.send(seg().seq(B).ack(A).window(0));
        s.write(c, pattern(0, 100));
        s.expectNothing();
        // RFC 9293 §3.8.6.1: probe with one byte after RTO, then back off exponentially: 200, 400, 800 ms.
        for (long waitMs : new long[] {200, 400, 800}) {
            s.advanceMillis(waitMs - 1);
            s.expectNothing();
            s.advanceMillis(1);
            s.expect(seg().seq(A).ack(B).data(0, 1));
            s.send(seg().seq(B).ack(A).window(0));
        }
        assertEquals(3, s.events.ofType(TcpEvent.Retransmission.class).size());
        // The window opens and acknowledges the probe byte: the rest follows.
        s.send(seg().seq(B).ack(A + 1).window(1000));
        s.expect(seg().psh().seq(A + 1).ack(B).data(1, 99));
    }

    @Test
    void zeroWindowProbeIsAnsweredWithTheCurrentAck() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().receiveBufferSize(2000));
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> s.accepted.add(c));
        s.send(seg().syn().seq(PEER_ISS).mss(1000));
        s.next();
        s.send(seg().seq(B).ack(A));
        TcpConnection c = s.accepted.get(0);
        s.send(seg().seq(B).ack(A).data(0, 1000));
        s.send(seg().seq(B + 1000).ack(A).data(1000, 1000));
        s.expect(seg().seq(A).ack(B + 2000).window(0));
        s.send(seg().seq(B + 2000).ack(A).data(2000, 1));
        s.expect(seg().seq(A).ack(B + 2000).window(0));
        assertEquals(2000, c.readableBytes());
        assertArrayEquals(pattern(0, 2000), TcpScript.read(c));
        s.expect(seg().seq(A).ack(B + 2000).window(2000));
    }

    @Test
    void windowScalingAppliesToEverySegmentButSyn() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().windowScaling(true).receiveBufferSize(1 << 20));
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> s.accepted.add(c));
        s.send(seg().syn().seq(PEER_ISS).mss(1460).wscale(2).window(1000));
        s.expect(seg().syn().seq(ISS).ack(B).wscale(5).window(65535));
        // RFC 7323 §2.2: the SYN's window is not scaled...
        s.send(seg().seq(B).ack(A).window(1000));
        TcpConnection c = s.accepted.get(0);
        // ...later ones are: 1000 << 2.
        assertEquals(4000, c.sndWnd());
        s.send(seg().seq(B).ack(A).window(1000).data(0, 100));
        s.advanceMillis(40);
        // Our window: (1 MiB − 100) >> 5.
        s.expect(seg().seq(A).ack(B + 100).window(((1 << 20) - 100) >> 5));
    }

    @Test
    void everyByteInsideTheAdvertisedScaledWindowIsAccepted() {
        // 128 KiB needs shift 2, so window fields are rounded to 4 bytes; the peer fills exactly what we offer,
        // in odd-sized pieces, while the application reads nothing.
        TcpScript s = new TcpScript(TcpScript.baseConfig().windowScaling(true).receiveBufferSize(1 << 17));
        s.layer.listen(0, TcpScript.LOCAL_PORT, 4, c -> s.accepted.add(c));
        s.send(seg().syn().seq(PEER_ISS).mss(1460).wscale(0).window(65535));
        TcpScript.Sent synAck = s.next();
        assertEquals(2, synAck.header().windowScale);
        s.send(seg().seq(B).ack(A).window(65535));
        TcpConnection c = s.accepted.get(0);
        long edge = B + synAck.header().window;
        int sent = 0;
        for (int round = 0; round < 10_000 && edge - (B + sent) > 0; round++) {
            int length = (int) Math.min(997, edge - (B + sent));
            s.send(seg().seq(B + sent).ack(A).window(65535).data(sent, length));
            sent += length;
            s.advanceMillis(250);
            TcpScript.Sent ack = null;
            for (TcpScript.Sent next; (next = s.poll()) != null; ) {
                ack = next;
            }
            if (ack != null) {
                assertEquals(B + sent, ack.header().ack, "all " + sent + " bytes offered were accepted");
                edge = Integer.toUnsignedLong(ack.header().ack) + ((long) ack.header().window << 2);
            }
        }
        assertEquals(sent, c.readableBytes());
        assertTrue(sent >= (1 << 17) - 4, "the whole buffer was offered: " + sent);
    }

    @Test
    void writableAndReadableCallbacks() {
        TcpScript s = new TcpScript(TcpScript.baseConfig().sendBufferSize(1000));
        TcpConnection c = s.acceptConnection();
        assertEquals(1000, c.sendBufferFree());
        ByteBuf big = Unpooled.wrappedBuffer(pattern(0, 1500));
        assertEquals(1000, c.send(big));
        assertEquals(0, c.sendBufferFree());
        s.next();
        s.send(seg().seq(B).ack(A + 1000).data(0, 10));
        assertEquals(1, s.handler.writable);
        assertEquals(1, s.handler.readable);
        assertEquals(1000, c.sendBufferFree());
    }
}
