package io.tunstack.core.tcp;

import static io.tunstack.core.tcp.Seg.seg;
import static io.tunstack.core.tcp.TcpScript.ISS;
import static io.tunstack.core.tcp.TcpScript.LOCAL_PORT;
import static io.tunstack.core.tcp.TcpScript.PEER_ISS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application callback that throws resets its own connection; the layer, its listeners and every other
 * connection go on (the event loop they share must not die with one application).
 */
class TcpApplicationFailureTest {
    private static final int A = ISS + 1;
    private static final int B = PEER_ISS + 1;

    private final TcpScript s = new TcpScript();
    private final List<TcpCloseReason> closes = new ArrayList<>();
    private final IllegalStateException bug = new IllegalStateException("application bug");

    @Test
    void aThrowingReadCallbackResetsOnlyItsConnection() {
        List<TcpConnection> accepted = new ArrayList<>();
        s.layer.listen(0, LOCAL_PORT, 4, c -> {
            c.setHandler(accepted.isEmpty() ? throwingOnReadable() : new TcpHandler() { });
            accepted.add(c);
        });
        handshake(PEER_ISS);
        TcpConnection failed = accepted.get(0);

        s.send(seg().seq(B).ack(A).payload(TcpScript.pattern(0, 10)));
        s.expect(seg().rst().seq(A));
        assertEquals(TcpState.CLOSED, failed.state());
        assertSame(bug, failed.applicationFailure());
        assertEquals(List.of(TcpCloseReason.ABORTED), closes);
        assertEquals(1, s.layer.counters().applicationFailures());

        // The listener still accepts, and the next connection carries data.
        handshake(PEER_ISS + 100_000);
        TcpConnection next = accepted.get(1);
        s.send(seg().seq(PEER_ISS + 100_001).ack(A).payload(TcpScript.pattern(0, 10)));
        assertEquals(10, next.readableBytes());
        assertEquals(TcpState.ESTABLISHED, next.state());
    }

    @Test
    void aThrowingAcceptHandlerResetsTheNewConnectionAndKeepsListening() {
        List<TcpConnection> accepted = new ArrayList<>();
        s.layer.listen(0, LOCAL_PORT, 4, c -> {
            accepted.add(c);
            if (accepted.size() == 1) {
                throw bug;
            }
        });
        handshake(PEER_ISS);
        s.expect(seg().rst().seq(A));
        assertEquals(TcpState.CLOSED, accepted.get(0).state());
        assertSame(bug, accepted.get(0).applicationFailure());

        handshake(PEER_ISS + 100_000);
        s.expectNothing();
        assertEquals(TcpState.ESTABLISHED, accepted.get(1).state());
        assertEquals(1, s.layer.counters().applicationFailures());
    }

    @Test
    void aThrowingCloseCallbackIsRecordedOnce() {
        s.layer.listen(0, LOCAL_PORT, 4, c -> c.setHandler(new TcpHandler() {
            @Override
            public void onClosed(TcpConnection c, TcpCloseReason reason) {
                closes.add(reason);
                throw bug;
            }
        }));
        handshake(PEER_ISS);
        s.send(seg().rst().seq(B));
        assertEquals(List.of(TcpCloseReason.RESET), closes);
        assertEquals(1, s.layer.counters().applicationFailures());
        assertEquals(0, s.layer.connectionCount());
    }

    /** A passive open from the peer with {@code peerIss}; our SYN-ACK is checked, nothing else. */
    private void handshake(int peerIss) {
        s.send(seg().syn().seq(peerIss).mss(1460).window(65535));
        s.expect(seg().syn().seq(ISS).ack(peerIss + 1).mss(1460).window(65535));
        s.send(seg().seq(peerIss + 1).ack(A).window(65535));
    }

    private TcpHandler throwingOnReadable() {
        return new TcpHandler() {
            @Override
            public void onReadable(TcpConnection c) {
                throw bug;
            }

            @Override
            public void onClosed(TcpConnection c, TcpCloseReason reason) {
                closes.add(reason);
            }
        };
    }
}
