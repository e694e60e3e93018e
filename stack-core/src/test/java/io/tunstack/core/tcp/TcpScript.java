package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tunstack.core.stack.IpOutput;
import io.tunstack.core.time.VirtualClock;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.TcpHeader;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Drives one {@link TcpLayer} with hand-written segments on a virtual clock and captures what it sends, so a
 * test reads as a packet script: {@code send(seg()...)}, {@code expect(seg()...)}, {@code advance(...)}.
 * The layer is "us" at {@link #LOCAL}:{@link #LOCAL_PORT}; the script plays the peer at {@link #REMOTE}.
 */
final class TcpScript {
    static final int LOCAL = 0x0A000001;
    static final int REMOTE = 0x0A000002;
    static final int LOCAL_PORT = 80;
    static final int REMOTE_PORT = 40000;
    /** Our ISS in scripts (config test hook). */
    static final int ISS = 1000;
    /** The scripted peer's ISS. */
    static final int PEER_ISS = 5000;
    static final long START_NANOS = 1_000_000_000L;
    /**
     * Direct buffers, as on a host, for the connections' rings; without leak tracking, since scripts leave their
     * connections open when they end.
     */
    static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(true, true);

    /** A captured outgoing segment. */
    record Sent(TcpHeader header, byte[] payload, int srcAddr, int dstAddr) {
        @Override
        public String toString() {
            return header + (payload.length > 0 ? " len " + payload.length : "");
        }
    }

    final VirtualClock clock = new VirtualClock(START_NANOS);
    final RecordingEventSink events = new RecordingEventSink();
    final TcpLayer layer;
    private final Deque<Sent> sent = new ArrayDeque<>();
    final List<TcpConnection> accepted = new ArrayList<>();
    final RecordingHandler handler = new RecordingHandler();

    TcpScript() {
        this(baseConfig());
    }

    TcpScript(TcpConfig.Builder config) {
        layer = new TcpLayer(new Capture(), config.build(), clock, events);
    }

    /** Plain segments: no timestamps, SACK or window scaling; 64 KiB - 1 buffers; our ISS fixed. */
    static TcpConfig.Builder baseConfig() {
        return TcpConfig.builder().fixedIss(ISS).timestamps(false).sack(false).windowScaling(false)
                .receiveBufferSize(65535).sendBufferSize(65535);
    }

    static byte[] pattern(int offset, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (offset + i);
        }
        return b;
    }

    long now() {
        return clock.nanoTime();
    }

    /** Delivers {@code s} from the peer to the layer, in a direct buffer as a link delivers it. */
    TcpScript send(Seg s) {
        return send(s, -1);
    }

    /** Delivers {@code s} with the last payload byte changed after the checksum was computed. */
    TcpScript sendCorrupted(Seg s) {
        return send(s, s.payload.length - 1);
    }

    private TcpScript send(Seg s, int corruptPayloadIndex) {
        ByteBuf buf = Unpooled.directBuffer(TcpHeader.MAX_LENGTH + s.payload.length);
        TcpHeader h = new TcpHeader();
        s.fill(h);
        int headerLength = h.writeTo(buf);
        buf.writeBytes(s.payload);
        TcpHeader.fillChecksum(buf, 0, headerLength + s.payload.length, REMOTE, LOCAL);
        if (corruptPayloadIndex >= 0) {
            int index = headerLength + corruptPayloadIndex;
            buf.setByte(index, buf.getByte(index) ^ 0x10);
        }
        layer.input(REMOTE, LOCAL, buf, now());
        buf.release();
        return this;
    }

    /** The next segment the layer sent must match {@code s}. */
    Sent expect(Seg s) {
        Sent actual = sent.poll();
        if (actual == null) {
            fail("expected " + s + " but nothing was sent");
        }
        String mismatch = s.mismatch(actual.header(), actual.payload());
        if (mismatch != null) {
            fail("expected " + s + "\n     got " + actual + "\n    diff:" + mismatch);
        }
        return actual;
    }

    /** Takes the next sent segment without checking it. */
    Sent next() {
        Sent actual = sent.poll();
        assertNotNull(actual, "nothing was sent");
        return actual;
    }

    /** The next sent segment, or null. */
    Sent poll() {
        return sent.poll();
    }

    void expectNothing() {
        if (!sent.isEmpty()) {
            fail("expected no segment, got " + sent.peek() + (sent.size() > 1 ? " and " + (sent.size() - 1) + " more" : ""));
        }
    }

    /** Moves the clock forward and runs the timers that became due, in deadline order. */
    TcpScript advance(Duration d) {
        long target = now() + d.toNanos();
        while (layer.nextDeadline() <= target) {
            clock.advanceTo(layer.nextDeadline());
            layer.onTimer(now());
        }
        clock.advanceTo(target);
        return this;
    }

    TcpScript advanceMillis(long ms) {
        return advance(Duration.ofMillis(ms));
    }

    /** LISTEN on {@link #LOCAL_PORT}, then the three-way handshake with a peer offering MSS 1460. */
    TcpConnection acceptConnection() {
        return acceptConnection(false);
    }

    /** As {@link #acceptConnection()}, the peer also offering SACK-permitted when {@code sack}. */
    TcpConnection acceptConnection(boolean sack) {
        layer.listen(0, LOCAL_PORT, 16, c -> {
            c.setHandler(handler);
            accepted.add(c);
        });
        Seg syn = Seg.seg().syn().seq(PEER_ISS).mss(1460).window(65535);
        send(sack ? syn.sackPermitted() : syn);
        expect(Seg.seg().syn().seq(ISS).ack(PEER_ISS + 1).mss(1460).window(65535));
        send(Seg.seg().seq(PEER_ISS + 1).ack(ISS + 1).window(65535));
        expectNothing();
        assertEquals(1, accepted.size());
        TcpConnection c = accepted.get(0);
        assertEquals(TcpState.ESTABLISHED, c.state());
        return c;
    }

    /** Active open from {@link #LOCAL_PORT} to the peer, answered with a SYN-ACK offering MSS 1460. */
    TcpConnection connect() {
        TcpConnection c = layer.connect(LOCAL, LOCAL_PORT, REMOTE, REMOTE_PORT, handler);
        expect(Seg.seg().syn().seq(ISS).window(65535).mss(1460));
        send(Seg.seg().syn().seq(PEER_ISS).ack(ISS + 1).mss(1460).window(65535));
        expect(Seg.seg().seq(ISS + 1).ack(PEER_ISS + 1).window(65535));
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertTrue(handler.connected);
        return c;
    }

    /** Queues {@code bytes} on {@code c} and checks they were all taken. */
    void write(TcpConnection c, byte[] bytes) {
        ByteBuf src = Unpooled.wrappedBuffer(bytes);
        assertEquals(bytes.length, c.send(src));
    }

    /** Reads everything readable from {@code c}. */
    static byte[] read(TcpConnection c) {
        ByteBuf dst = Unpooled.buffer(c.readableBytes());
        c.receive(dst);
        byte[] out = new byte[dst.readableBytes()];
        dst.readBytes(out);
        return out;
    }

    /** A handler that records what happened. */
    static final class RecordingHandler implements TcpHandler {
        boolean connected;
        int readable;
        int writable;
        TcpCloseReason closed;
        int closedCalls;

        @Override
        public void onConnected(TcpConnection c) {
            connected = true;
        }

        @Override
        public void onReadable(TcpConnection c) {
            readable++;
        }

        @Override
        public void onWritable(TcpConnection c) {
            writable++;
        }

        @Override
        public void onClosed(TcpConnection c, TcpCloseReason reason) {
            closed = reason;
            closedCalls++;
        }
    }

    /** Parses every packet back into a header and payload. */
    private final class Capture implements IpOutput {
        @Override
        public ByteBufAllocator alloc() {
            return ALLOC;
        }

        @Override
        public ByteBuf newPacket(int transportCapacity) {
            ByteBuf b = Unpooled.buffer(IPV4_HEADER_LENGTH + transportCapacity);
            b.writerIndex(IPV4_HEADER_LENGTH).readerIndex(IPV4_HEADER_LENGTH);
            return b;
        }

        @Override
        public void send(int srcAddr, int dstAddr, int protocol, ByteBuf packet) {
            assertEquals(IpProtocol.TCP, protocol);
            TcpHeader h = new TcpHeader();
            assertEquals(null, h.parse(packet, packet.readerIndex(), packet.readableBytes(), srcAddr, dstAddr, true));
            byte[] payload = new byte[packet.readableBytes() - h.dataOffset()];
            packet.getBytes(packet.readerIndex() + h.dataOffset(), payload);
            packet.release();
            sent.add(new Sent(h, payload, srcAddr, dstAddr));
        }
    }
}
