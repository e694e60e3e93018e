package io.tunstack.core.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.collection.IntObjectHashMap;
import io.tunstack.core.stack.IcmpError;
import io.tunstack.core.stack.NetStack;
import io.tunstack.core.stack.TokenBucket;
import io.tunstack.core.stack.TransportProtocol;
import io.tunstack.core.stack.UnreachableResponder;
import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.core.wire.UdpHeader;
import io.tunstack.core.wire.WireError;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * UDP (RFC 768) for one {@link NetStack}: verifies datagrams, demultiplexes them by destination port to bound
 * {@link UdpSocket}s and sends theirs. Runs on the stack's event loop only; register it with
 * {@code stack.register(IpProtocol.UDP, udpLayer)}.
 */
public final class UdpLayer implements TransportProtocol {
    /** RFC 6335 §6: the dynamic (ephemeral) port range. */
    public static final int EPHEMERAL_FIRST = 49152;
    public static final int EPHEMERAL_LAST = 65535;

    private final NetStack stack;
    private final RandomGenerator random;
    private final UdpCounters counters = new UdpCounters();
    private final UnreachableResponder portUnreachable;
    private final IntObjectHashMap<UdpSocket> sockets = new IntObjectHashMap<>();
    private final PriorityQueue<UdpSocket> timers =
            new PriorityQueue<>(Comparator.comparingLong((UdpSocket s) -> s.timerDeadline));
    private final UdpHeader rx = new UdpHeader();
    private final UdpHeader tx = new UdpHeader();

    /** A layer with secure random ephemeral ports and the default ICMP rate limit. */
    public UdpLayer(NetStack stack) {
        this(stack, new SecureRandom(), new TokenBucket(UnreachableResponder.DEFAULT_BURST, UnreachableResponder.DEFAULT_INTERVAL_NANOS));
    }

    /** {@code random} picks ephemeral ports (RFC 6056, RFC 5452 §9.2); {@code icmpLimit} paces port unreachables. */
    public UdpLayer(NetStack stack, RandomGenerator random, TokenBucket icmpLimit) {
        this.stack = stack;
        this.random = random;
        this.portUnreachable = new UnreachableResponder(stack, icmpLimit);
    }

    public UdpCounters counters() {
        return counters;
    }

    /** The stack's address: the source of every datagram sent. */
    public int address() {
        return stack.address();
    }

    /** The stack's allocator, for payloads handed to {@link UdpSocket#send}. */
    public ByteBufAllocator alloc() {
        return stack.alloc();
    }

    /** Largest payload one datagram can carry on this link without fragmentation. */
    public int maxPayload() {
        return Math.min(stack.link().mtu(), 0xFFFF) - Ipv4Header.MIN_LENGTH - UdpHeader.LENGTH;
    }

    /** Number of bound sockets. */
    public int boundSockets() {
        return sockets.size();
    }

    /**
     * Binds a socket. {@code localAddr} is the stack's address or 0 (any); {@code port} 0 picks a random free
     * ephemeral port.
     *
     * @throws IllegalArgumentException for another address or a port outside 0..65535
     * @throws IllegalStateException if the port is bound already, or no ephemeral port is free
     */
    public UdpSocket bind(int localAddr, int port, UdpHandler onDatagram) {
        if (localAddr != 0 && localAddr != stack.address()) {
            throw new IllegalArgumentException("cannot bind to " + Ipv4Address.format(localAddr)
                    + ": the stack's address is " + Ipv4Address.format(stack.address()));
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("UDP port out of range: " + port);
        }
        int chosen = port == 0 ? freeEphemeralPort() : port;
        if (sockets.containsKey(chosen)) {
            throw new IllegalStateException("UDP port " + chosen + " is already bound");
        }
        UdpSocket socket = new UdpSocket(this, localAddr, chosen, onDatagram);
        sockets.put(chosen, socket);
        return socket;
    }

    /**
     * RFC 6056 §3.3.1 (Algorithm 1, simple port randomization): start at a random port of the ephemeral range
     * and take the next free one, so the port is unpredictable to off-path attackers (RFC 5452 §9.2).
     */
    private int freeEphemeralPort() {
        int count = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
        int next = random.nextInt(count);
        for (int i = 0; i < count; i++) {
            int port = EPHEMERAL_FIRST + (next + i) % count;
            if (!sockets.containsKey(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free ephemeral UDP port (" + count + " in use)");
    }

    void unbind(UdpSocket socket) {
        sockets.remove(socket.localPort());
        cancel(socket);
    }

    void send(int srcPort, int dstAddr, int dstPort, ByteBuf payload) {
        if (dstPort < 1 || dstPort > 0xFFFF) {
            throw new IllegalArgumentException("UDP destination port out of range: " + dstPort);
        }
        int payloadLength = payload.readableBytes();
        if (payloadLength > maxPayload()) {
            throw new IllegalArgumentException("UDP payload of " + payloadLength + " bytes exceeds the "
                    + maxPayload() + " that fit the link MTU of " + stack.link().mtu() + " (no fragmentation)");
        }
        int length = UdpHeader.LENGTH + payloadLength;
        ByteBuf packet = stack.newPacket(length);
        int start = packet.writerIndex();
        tx.srcPort = srcPort;
        tx.dstPort = dstPort;
        tx.length = length;
        tx.writeTo(packet);
        packet.writeBytes(payload, payload.readerIndex(), payloadLength);
        UdpHeader.fillChecksum(packet, start, length, stack.address(), dstAddr);
        counters.countOut();
        stack.send(stack.address(), dstAddr, IpProtocol.UDP, packet);
    }

    @Override
    public void input(int srcAddr, int dstAddr, ByteBuf segment, long nowNanos) {
        int offset = segment.readerIndex();
        // RFC 768 / RFC 1122 §4.1.3.4: a non-zero checksum is verified and failing datagrams are discarded.
        WireError error = rx.parse(segment, offset, segment.readableBytes(), srcAddr, dstAddr, true);
        if (error != null) {
            counters.drop(error);
            return;
        }
        UdpSocket socket = sockets.get(rx.dstPort);
        if (socket == null) {
            counters.countNoPort();
            // RFC 1122 §4.1.3.1: a datagram for a port nobody listens on gets Port Unreachable.
            if (portUnreachable.respond(srcAddr, segment, IcmpPacket.CODE_PORT_UNREACHABLE, nowNanos)) {
                counters.countPortUnreachableSent();
            } else {
                counters.countPortUnreachableSuppressed();
            }
            return;
        }
        counters.countIn();
        try {
            socket.handler.onDatagram(socket, srcAddr, rx.srcPort,
                    segment.slice(offset + UdpHeader.LENGTH, rx.payloadLength()));
        } catch (RuntimeException e) {
            // One application's failure must not stop the loop that every other socket and connection share.
            counters.countApplicationFailure();
        }
    }

    @Override
    public void icmpError(IcmpError error, ByteBuf quoted, long nowNanos) {
        int offset = quoted.readerIndex();
        UdpSocket socket = sockets.get(quoted.getUnsignedShort(offset));
        if (socket == null) {
            return; // the socket is gone: nobody to tell
        }
        counters.countIcmpError();
        try {
            socket.handler.onIcmpError(socket, error, quoted.getUnsignedShort(offset + 2));
        } catch (RuntimeException e) {
            counters.countApplicationFailure();
        }
    }

    void schedule(UdpSocket socket, long deadlineNanos, Runnable task) {
        cancel(socket);
        socket.timerDeadline = deadlineNanos;
        socket.timerTask = task;
        timers.add(socket);
    }

    void cancel(UdpSocket socket) {
        if (socket.timerTask != null) {
            timers.remove(socket);
            socket.timerTask = null;
            socket.timerDeadline = Long.MAX_VALUE;
        }
    }

    @Override
    public long nextDeadline() {
        UdpSocket first = timers.peek();
        return first == null ? Long.MAX_VALUE : first.timerDeadline;
    }

    @Override
    public void onTimer(long nowNanos) {
        UdpSocket socket;
        while ((socket = timers.peek()) != null && socket.timerDeadline <= nowNanos) {
            timers.poll();
            Runnable task = socket.timerTask;
            socket.timerTask = null;
            socket.timerDeadline = Long.MAX_VALUE;
            task.run();
        }
    }
}
