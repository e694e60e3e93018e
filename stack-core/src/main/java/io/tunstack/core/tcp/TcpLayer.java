package io.tunstack.core.tcp;

import static io.tunstack.core.wire.TcpHeader.ACK;
import static io.tunstack.core.wire.TcpHeader.FIN;
import static io.tunstack.core.wire.TcpHeader.RST;
import static io.tunstack.core.wire.TcpHeader.SYN;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tunstack.core.stack.IcmpError;
import io.tunstack.core.stack.IpOutput;
import io.tunstack.core.stack.TransportProtocol;
import io.tunstack.core.time.Clock;
import io.tunstack.core.wire.Checksum;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.TcpHeader;
import io.tunstack.core.wire.WireError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP layer (RFC 9293) as the IPv4 layer sees it: demultiplexes segments to connections by 4-tuple, to
 * listeners, or answers them as CLOSED does (§3.10.7.1); owns the connections' timers; opens connections.
 * Sans-IO and single-threaded: call everything from the event loop.
 */
public final class TcpLayer implements TransportProtocol {
    /** RFC 6335 §6: the dynamic port range 49152-65535 for ephemeral ports. */
    private static final int EPHEMERAL_FIRST = 49152;
    private static final int EPHEMERAL_COUNT = 65536 - EPHEMERAL_FIRST;

    private final TcpConfig config;
    private final Clock clock;
    private final TcpEventSink events;
    private final boolean tracing;
    private final TcpCounters counters = new TcpCounters();
    private final SegmentWriter writer;
    private final ConnectionTable connections = new ConnectionTable();
    private final TimerQueue<TcpConnection> timers = new TimerQueue<>();
    private final Map<Integer, TcpListener> listeners = new HashMap<>();
    private final TcpHeader received = new TcpHeader();
    private final IsnGenerator isnGenerator = IsnGenerator.withRandomKey();
    private final ChallengeAckLimiter challengeAckLimiter;
    private final CongestionControls.Factory congestionControlFactory;
    private final IpOutput out;
    private long nextConnectionId = 1;
    private int ephemeralCounter;

    public TcpLayer(IpOutput out, TcpConfig config, Clock clock, TcpEventSink events) {
        this.config = config;
        this.clock = clock;
        this.events = events;
        this.tracing = events != TcpEventSink.NONE;
        this.out = out;
        this.writer = new SegmentWriter(out, counters);
        this.challengeAckLimiter = new ChallengeAckLimiter(config.challengeAcksPerSecond());
        this.congestionControlFactory = CongestionControls.factory(config.congestionControl());
    }

    /** Active open from an ephemeral port chosen per RFC 6056 §3.3.3 (hash offset plus a counter). */
    public TcpConnection connect(int localAddr, int remoteAddr, int remotePort, TcpHandler handler) {
        int offset = (int) isnGenerator.hash(localAddr, 0, remoteAddr, remotePort, 2) + ephemeralCounter;
        for (int i = 0; i < EPHEMERAL_COUNT; i++) {
            int port = EPHEMERAL_FIRST + Math.floorMod(offset + i, EPHEMERAL_COUNT);
            if (connections.get(localAddr, port, remoteAddr, remotePort) == null && !listeners.containsKey(port)) {
                ephemeralCounter += i + 1;
                return connect(localAddr, port, remoteAddr, remotePort, handler);
            }
        }
        throw new IllegalStateException("no free ephemeral port towards " + remotePort);
    }

    /** Active open (RFC 9293 §3.10.1): sends the SYN now; the handler hears onConnected or onClosed. */
    public TcpConnection connect(int localAddr, int localPort, int remoteAddr, int remotePort, TcpHandler handler) {
        if (connections.get(localAddr, localPort, remoteAddr, remotePort) != null) {
            throw new IllegalStateException("connection exists: " + localPort + " -> " + remotePort);
        }
        long now = clock.nanoTime();
        TcpConnection c = newConnection(localAddr, localPort, remoteAddr, remotePort, null, handler, now);
        c.openActive(now);
        return c;
    }

    /** Passive open on {@code port}; {@code localAddr} 0 accepts any local address. */
    public TcpListener listen(int localAddr, int port, int backlog, TcpAcceptHandler onAccept) {
        if (port <= 0 || port > 0xFFFF || backlog <= 0) {
            throw new IllegalArgumentException("port " + port + ", backlog " + backlog);
        }
        if (listeners.containsKey(port)) {
            throw new IllegalStateException("port " + port + " already listening");
        }
        TcpListener listener = new TcpListener(this, localAddr, port, backlog, onAccept);
        listeners.put(port, listener);
        return listener;
    }

    /** Connections in any state but CLOSED, TIME-WAIT included. */
    public int connectionCount() {
        return connections.size();
    }

    /** One line per connection with its sequence-space state: for traces and diagnosing stalls. */
    public List<String> describeConnections() {
        return connections.all().stream().map(TcpConnection::toString).toList();
    }

    /** Whether a connection still carries data and a FIN the application handed over (a host lingers on them when it closes). */
    public boolean isDeliveringFin() {
        for (TcpConnection c : connections.all()) {
            if (c.isDeliveringFin()) {
                return true;
            }
        }
        return false;
    }

    /** Aborts every connection (RST where the peer holds state) and closes every listener: the host is going away. */
    public void abortAll() {
        for (TcpListener l : List.copyOf(listeners.values())) {
            l.close();
        }
        for (TcpConnection c : connections.all()) {
            c.abort();
        }
    }

    public TcpCounters counters() {
        return counters;
    }

    public TcpConfig config() {
        return config;
    }

    /** The connection with this 4-tuple, or null. */
    public TcpConnection find(int localAddr, int localPort, int remoteAddr, int remotePort) {
        return connections.get(localAddr, localPort, remoteAddr, remotePort);
    }

    @Override
    public void input(int srcAddr, int dstAddr, ByteBuf segment, long nowNanos) {
        input(srcAddr, dstAddr, segment, nowNanos, config.verifyChecksum());
    }

    /** The link validated the checksum: the segment goes in unverified, its text copied without a sum. */
    @Override
    public void inputValidated(int srcAddr, int dstAddr, ByteBuf segment, long nowNanos) {
        input(srcAddr, dstAddr, segment, nowNanos, false);
    }

    private void input(int srcAddr, int dstAddr, ByteBuf segment, long nowNanos, boolean verifyChecksum) {
        counters.segmentsIn++;
        TcpHeader h = received;
        int start = segment.readerIndex();
        int length = segment.readableBytes();
        WireError error = h.parse(segment, start, length, srcAddr, dstAddr, false);
        if (error != null) {
            counters.drop(error);
            return;
        }
        int payloadIndex = start + h.dataOffset();
        int payloadLength = length - h.dataOffset();
        TcpConnection c = connections.get(dstAddr, h.dstPort, srcAddr, h.srcPort);
        // RFC 9293 §3.1: the ones' complement sum over pseudo-header, header and text must be all ones. It is
        // checked after the lookup (the header is only read until then), so that an in-order payload can be
        // summed while the connection copies it (checksum-and-copy); any other segment is summed here.
        if (verifyChecksum) {
            int headerSum = Checksum.fold(
                    h.headerSum() + Checksum.pseudoHeaderSum(srcAddr, dstAddr, IpProtocol.TCP, length));
            if (c != null && c.stagesText(h, payloadLength)) {
                if (!c.verifiedSegmentArrives(h, segment, payloadIndex, payloadLength, headerSum, nowNanos)) {
                    counters.drop(WireError.BAD_CHECKSUM);
                }
                return;
            }
            if (Checksum.sum(segment, payloadIndex, payloadLength, headerSum) != 0xFFFF) {
                counters.drop(WireError.BAD_CHECKSUM);
                return;
            }
        }
        TcpListener listener = null;
        if (c != null && c.acceptsNewSyn(h)) {
            listener = listenerFor(h.dstPort, dstAddr);
            if (listener != null) {
                c.reclaim(nowNanos);
                c = null;
            }
        }
        if (c != null) {
            c.segmentArrives(h, segment, payloadIndex, payloadLength, nowNanos);
            return;
        }
        if (listener == null) {
            listener = listenerFor(h.dstPort, dstAddr);
        }
        if (listener != null) {
            listenArrives(listener, h, segment, payloadIndex, payloadLength, srcAddr, dstAddr, nowNanos);
        } else {
            closedArrives(h, srcAddr, dstAddr, payloadLength);
        }
    }

    /** The quote starts with our source port, the peer's port and the segment's sequence number. */
    @Override
    public void icmpError(IcmpError error, ByteBuf quoted, long nowNanos) {
        int offset = quoted.readerIndex();
        TcpConnection c = connections.get(error.localAddr(), quoted.getUnsignedShort(offset), error.remoteAddr(),
                quoted.getUnsignedShort(offset + 2));
        if (c == null) {
            counters.drop(TcpDropReason.ICMP_STALE);
            return;
        }
        c.icmpError(error, quoted.getInt(offset + 4), nowNanos);
    }

    @Override
    public long nextDeadline() {
        return timers.earliestDeadline();
    }

    @Override
    public void onTimer(long nowNanos) {
        TcpConnection c;
        while ((c = timers.peek()) != null && c.deadline <= nowNanos) {
            c.onTimer(nowNanos);
        }
    }

    private TcpListener listenerFor(int port, int dstAddr) {
        TcpListener l = listeners.get(port);
        return l != null && l.accepts(dstAddr) ? l : null;
    }

    /** RFC 9293 §3.10.7.2, LISTEN. */
    private void listenArrives(TcpListener listener, TcpHeader h, ByteBuf segment, int payloadIndex, int payloadLength,
                               int srcAddr, int dstAddr, long now) {
        if (h.has(RST)) {
            counters.drop(TcpDropReason.RST_IGNORED);
        } else if (h.has(ACK)) {
            sendReset(dstAddr, h.dstPort, srcAddr, h.srcPort, h.ack, 0, RST);
        } else if (!h.has(SYN)) {
            counters.drop(TcpDropReason.NO_ACK);
        } else if (!listener.reserve()) {
            counters.drop(TcpDropReason.BACKLOG_FULL);
        } else {
            TcpConnection c = newConnection(dstAddr, h.dstPort, srcAddr, h.srcPort, listener, null, now);
            c.openPassive(h, segment, payloadIndex, payloadLength, now);
        }
    }

    /** RFC 9293 §3.10.7.1, CLOSED: every segment but a RST is answered by a RST that the sender will accept. */
    private void closedArrives(TcpHeader h, int srcAddr, int dstAddr, int payloadLength) {
        if (h.has(RST)) {
            counters.drop(TcpDropReason.RST_IGNORED);
        } else if (h.has(ACK)) {
            sendReset(dstAddr, h.dstPort, srcAddr, h.srcPort, h.ack, 0, RST);
        } else {
            int segLength = payloadLength + (h.has(SYN) ? 1 : 0) + (h.has(FIN) ? 1 : 0);
            sendReset(dstAddr, h.dstPort, srcAddr, h.srcPort, 0, h.seq + segLength, RST | ACK);
        }
    }

    private TcpConnection newConnection(int localAddr, int localPort, int remoteAddr, int remotePort,
                                        TcpListener listener, TcpHandler handler, long now) {
        Integer fixedIss = config.fixedIss();
        int iss = fixedIss != null ? fixedIss : isnGenerator.iss(localAddr, localPort, remoteAddr, remotePort, now);
        int tsOffset = fixedIss != null ? 0 : isnGenerator.timestampOffset(localAddr, localPort, remoteAddr, remotePort);
        TcpConnection c = new TcpConnection(this, nextConnectionId++, localAddr, localPort, remoteAddr, remotePort,
                iss, tsOffset, listener, handler);
        connections.put(c);
        return c;
    }

    // Services for connections.

    /** The host's allocator, for the connections' rings. */
    ByteBufAllocator alloc() {
        return out.alloc();
    }

    SegmentWriter writer() {
        return writer;
    }

    long now() {
        return clock.nanoTime();
    }

    boolean tracing() {
        return tracing;
    }

    void trace(TcpEvent event) {
        events.onEvent(event);
    }

    CongestionControls.Factory congestionControlFactory() {
        return congestionControlFactory;
    }

    boolean allowChallengeAck(long now) {
        return challengeAckLimiter.tryAcquire(now);
    }

    void sendReset(int localAddr, int localPort, int remoteAddr, int remotePort, int seq, int ack, int flags) {
        writer.begin(localPort, remotePort, seq, ack, flags, 0);
        writer.send(localAddr, remoteAddr);
    }

    void reschedule(TcpConnection c, long deadline) {
        if (c.deadline != deadline || (deadline != Long.MAX_VALUE && c.queueIndex < 0)) {
            timers.schedule(c, deadline);
        }
    }

    void remove(TcpConnection c) {
        connections.remove(c);
        timers.remove(c);
        c.deadline = Long.MAX_VALUE;
    }

    void removeListener(TcpListener listener) {
        listeners.remove(listener.port(), listener);
    }
}
