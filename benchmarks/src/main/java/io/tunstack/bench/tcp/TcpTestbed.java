package io.tunstack.bench.tcp;

import io.netty.buffer.PooledByteBufAllocator;
import io.tunstack.core.stack.NetStack;
import io.tunstack.core.stack.DropReason;
import io.tunstack.core.tcp.TcpConfig;
import io.tunstack.core.tcp.TcpConnection;
import io.tunstack.core.tcp.TcpCounters;
import io.tunstack.core.tcp.TcpDropReason;
import io.tunstack.core.tcp.TcpEventSink;
import io.tunstack.core.tcp.TcpLayer;
import io.tunstack.core.tcp.TcpState;
import io.tunstack.core.time.VirtualClock;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.TcpHeader;
import io.tunstack.core.wire.WireError;

/**
 * A {@link NetStack} with its {@link TcpLayer} over a {@link LoopbackLink} on a virtual clock, listening on
 * {@link #LOCAL_PORT}, with connections opened by scripted peers (SYN, then the ACK of our SYN-ACK).
 * Everything goes through the public receive path: {@link #deliver} then {@link NetStack#poll}.
 * Default {@link TcpConfig} (256 KiB buffers, window scaling, SACK, NewReno) except timestamps, which are
 * off so that a 1460-byte segment makes a 1500-byte datagram.
 */
final class TcpTestbed {
    static final int LOCAL = 0x0A000001;
    static final int LOCAL_PORT = 80;
    static final int MSS = 1460;
    /** Our ISS (fixed by configuration) and the scripted peers' ISS. */
    static final int ISS = 1_000;
    static final int PEER_ISS = 5_000;
    /** The peers' window: 65535 << 7, about 8 MiB, so the peer's window never limits us. */
    private static final int PEER_WINDOW = 65535;
    private static final int PEER_WINDOW_SHIFT = 7;
    /** Virtual time between two segments. */
    private static final long TICK_NANOS = 1_000;

    final VirtualClock clock = new VirtualClock(1_000_000_000L);
    final LoopbackLink link = new LoopbackLink();
    final NetStack stack = new NetStack(link, LOCAL, PooledByteBufAllocator.DEFAULT);
    private final TcpLayer tcp;
    private TcpConnection lastAccepted;

    TcpTestbed() {
        tcp = new TcpLayer(stack, TcpConfig.builder().timestamps(false).fixedIss(ISS).build(), clock, TcpEventSink.NONE);
        stack.register(IpProtocol.TCP, tcp);
        tcp.listen(0, LOCAL_PORT, 16, c -> lastAccepted = c);
    }

    /** Opens {@code count} connections from distinct peers and returns the one in the middle of them. */
    TcpConnection open(int count) {
        TcpConnection middle = null;
        for (int i = 0; i < count; i++) {
            TcpConnection c = accept(peerAddress(i), 40_000 + i % 20_000);
            if (i == count / 2) {
                middle = c;
            }
        }
        return middle;
    }

    /** The address of peer {@code i}: 10.1.0.0 + i / 20000, so that peers never share a 4-tuple. */
    private static int peerAddress(int i) {
        return 0x0A010000 + i / 20_000;
    }

    private TcpConnection accept(int remote, int remotePort) {
        TcpHeader syn = header(remotePort, PEER_ISS, 0, TcpHeader.SYN);
        syn.mss = MSS;
        syn.windowScale = PEER_WINDOW_SHIFT;
        syn.sackPermitted = true;
        syn.window = PEER_WINDOW;
        deliverOnce(new PeerPacket(remote, LOCAL, syn, new byte[0]));
        deliverOnce(new PeerPacket(remote, LOCAL, header(remotePort, PEER_ISS + 1, ISS + 1, TcpHeader.ACK), new byte[0]));
        TcpConnection c = lastAccepted;
        if (c == null || c.remoteAddr() != remote || c.remotePort() != remotePort || c.state() != TcpState.ESTABLISHED) {
            throw new IllegalStateException("handshake with " + remotePort + " did not complete: " + c);
        }
        return c;
    }

    /** A segment from {@code c}'s peer with ACK set. */
    PeerPacket segmentFrom(TcpConnection c, int seq, int ack, byte[] payload) {
        return new PeerPacket(c.remoteAddr(), LOCAL, header(c.remotePort(), seq, ack, TcpHeader.ACK), payload);
    }

    private static TcpHeader header(int remotePort, int seq, int ack, int flags) {
        TcpHeader h = new TcpHeader();
        h.srcPort = remotePort;
        h.dstPort = LOCAL_PORT;
        h.seq = seq;
        h.ack = ack;
        h.flags = flags;
        h.window = PEER_WINDOW;
        return h;
    }

    /** Advances the clock one tick and passes {@code packet} through the IPv4 and TCP receive path. */
    void deliver(PeerPacket packet) {
        clock.advanceNanos(TICK_NANOS);
        link.deliver(packet.buffer());
        stack.poll(clock.nanoTime());
    }

    /**
     * Fails unless every packet was accepted and nothing was retransmitted: a benchmark that hit a drop or
     * recovery path would not measure what it claims.
     */
    void verifyClean() {
        TcpCounters counters = tcp.counters();
        long drops = counters.retransmissions();
        for (WireError e : WireError.values()) {
            drops += counters.dropped(e) + stack.counters().drops(e);
        }
        for (TcpDropReason r : TcpDropReason.values()) {
            drops += counters.dropped(r);
        }
        for (DropReason r : DropReason.values()) {
            drops += stack.counters().drops(r);
        }
        if (drops != 0) {
            throw new IllegalStateException("drops or retransmissions: " + counters + " " + stack.counters());
        }
    }

    private void deliverOnce(PeerPacket packet) {
        deliver(packet);
        packet.release();
    }
}
