package io.tunstack.core.stack;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tunstack.core.link.PacketLink;
import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.core.wire.WireError;
import java.util.Arrays;
import java.util.Objects;

/**
 * The IPv4 layer of one stack: validates received datagrams, answers pings, hands segments to the
 * registered transports and writes the IPv4 header of everything they send. Not thread-safe: one
 * {@link EventLoop} (or a simulator on a virtual clock) drives it through {@link #poll}.
 */
public final class NetStack implements IpOutput, AutoCloseable {
    /** Packets handled per {@link #poll} before timers get a turn. */
    private static final int RECEIVE_BATCH = 64;
    private static final int DEFAULT_TTL = 64;

    private final PacketLink link;
    private final int address;
    private final ByteBufAllocator alloc;
    private final StackCounters counters = new StackCounters();
    /** Indexed by IP protocol number, for dispatch. */
    private final TransportProtocol[] transports = new TransportProtocol[256];
    /** The same transports, densely packed: timers are checked on every poll without scanning 256 slots. */
    private TransportProtocol[] registered = new TransportProtocol[0];
    private final Ipv4Header rx = new Ipv4Header();
    private final Ipv4Header tx = new Ipv4Header();
    private final IcmpLayer icmp;
    private final UnreachableResponder protocolUnreachable;
    private int nextIdentification;
    /**
     * The last packet sent, which the link only borrowed ({@link PacketLink#transmit}): once no one else holds a
     * reference (a TUN write is done when it returns; a link that queues packets holds one until it sends),
     * {@link #newPacket} hands it out again instead of allocating, so a stream of ACKs or segments goes through
     * one buffer without reference-count operations.
     */
    private ByteBuf lastSent;

    public NetStack(PacketLink link, int address, ByteBufAllocator alloc) {
        this.link = link;
        this.address = address;
        this.alloc = alloc;
        this.icmp = new IcmpLayer(this, counters);
        this.protocolUnreachable = new UnreachableResponder(this,
                new TokenBucket(UnreachableResponder.DEFAULT_BURST, UnreachableResponder.DEFAULT_INTERVAL_NANOS));
        tx.ttl = DEFAULT_TTL;
    }

    /** Makes {@code transport} receive every valid datagram for us with this IP protocol number. */
    public void register(int protocol, TransportProtocol transport) {
        transports[protocol] = transport;
        registered = Arrays.stream(transports).filter(Objects::nonNull).toArray(TransportProtocol[]::new);
    }

    public PacketLink link() {
        return link;
    }

    /** The stack's own IPv4 address. */
    public int address() {
        return address;
    }

    public StackCounters counters() {
        return counters;
    }

    @Override
    public ByteBufAllocator alloc() {
        return alloc;
    }

    /** Receives up to a batch of packets, then runs due timers. Returns the packets received. */
    public int poll(long nowNanos) {
        int received = 0;
        ByteBuf packet;
        while (received < RECEIVE_BATCH && (packet = link.receive()) != null) {
            received++;
            try {
                receive(packet, nowNanos);
            } finally {
                link.reclaim(packet);
            }
        }
        for (TransportProtocol transport : registered) {
            if (transport.nextDeadline() <= nowNanos) {
                transport.onTimer(nowNanos);
            }
        }
        return received;
    }

    /** The earliest deadline of any transport or of the link, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        long deadline = link.nextDeadline();
        for (TransportProtocol transport : registered) {
            deadline = Math.min(deadline, transport.nextDeadline());
        }
        return deadline;
    }

    private void receive(ByteBuf packet, long nowNanos) {
        counters.received(packet.readableBytes());
        WireError error = rx.parse(packet);
        if (error != null) {
            counters.drop(error);
            return;
        }
        if (rx.dstAddr != address) {
            counters.drop(DropReason.NOT_FOR_US);
            return;
        }
        if (rx.isFragment()) {
            // Reassembly (RFC 791 §3.2) is not implemented; peers use PMTU discovery with DF.
            counters.drop(WireError.FRAGMENT);
            return;
        }
        // Narrow the packet to its payload in place (no slice object per datagram); it is released after.
        int start = packet.readerIndex();
        packet.setIndex(start + rx.headerLength(), start + rx.totalLength);
        if (rx.protocol == IpProtocol.ICMP) {
            icmp.input(rx.srcAddr, packet, nowNanos);
            return;
        }
        TransportProtocol transport = transports[rx.protocol];
        if (transport == null) {
            counters.drop(DropReason.UNKNOWN_PROTOCOL);
            // RFC 1122 §3.2.2.1: a transport protocol this host does not run SHOULD get Protocol Unreachable.
            protocolUnreachable.respond(rx.srcAddr, packet, IcmpPacket.CODE_PROTOCOL_UNREACHABLE, nowNanos);
            return;
        }
        if (link.checksumValidated()) {
            counters.linkValidated();
            transport.inputValidated(rx.srcAddr, rx.dstAddr, packet, nowNanos);
        } else {
            transport.input(rx.srcAddr, rx.dstAddr, packet, nowNanos);
        }
    }

    /** The transport registered for IP protocol {@code protocol}, or null. */
    TransportProtocol transport(int protocol) {
        return transports[protocol];
    }

    @Override
    public ByteBuf newPacket(int transportCapacity) {
        int capacity = IPV4_HEADER_LENGTH + transportCapacity;
        ByteBuf packet = lastSent;
        if (packet != null && packet.refCnt() == 1 && packet.capacity() >= capacity) {
            lastSent = null;
        } else {
            packet = alloc.directBuffer(capacity);
        }
        packet.setIndex(IPV4_HEADER_LENGTH, IPV4_HEADER_LENGTH);
        return packet;
    }

    @Override
    public void send(int srcAddr, int dstAddr, int protocol, ByteBuf packet) {
        int start = packet.readerIndex() - IPV4_HEADER_LENGTH;
        int length = packet.readableBytes() + IPV4_HEADER_LENGTH;
        if (start < 0) {
            packet.release();
            throw new IllegalArgumentException("packet has no room for the IPv4 header");
        }
        if (length > link.mtu()) {
            counters.drop(DropReason.OVER_MTU);
            packet.release();
            return;
        }
        tx.totalLength = length;
        tx.identification = nextIdentification++ & 0xFFFF;
        // RFC 1191: we set DF and rely on path MTU discovery rather than fragmenting.
        tx.flags = Ipv4Header.FLAG_DF;
        tx.protocol = protocol;
        tx.srcAddr = srcAddr;
        tx.dstAddr = dstAddr;
        tx.writeTo(packet, start);
        packet.readerIndex(start);
        counters.sent(length);
        if (lastSent != null) {
            lastSent.release();
        }
        lastSent = packet;
        link.transmit(packet);
    }

    /**
     * Answers the datagram being delivered with ICMP Destination Unreachable {@code code}, quoting its IPv4
     * header byte for byte and its first 8 data octets (RFC 792, RFC 1122 §3.2.2). {@code received} is the
     * segment handed to {@code TransportProtocol.input}, still narrowed inside its packet: call this only
     * during that call. The caller decides whether an error may be sent at all (rate limit, source address).
     */
    public void sendDestinationUnreachable(ByteBuf received, int code) {
        int payloadStart = received.readerIndex();
        int headerStart = payloadStart - rx.headerLength();
        ByteBuf packet = newPacket(IcmpPacket.HEADER_LENGTH + rx.headerLength() + IcmpPacket.QUOTED_DATA_LENGTH);
        received.readerIndex(headerStart); // the quote starts at the original header, in front of the segment
        try {
            IcmpPacket.writeDestinationUnreachable(packet, code, received);
        } finally {
            received.readerIndex(payloadStart);
        }
        send(rx.dstAddr, rx.srcAddr, IpProtocol.ICMP, packet);
    }

    @Override
    public void close() {
        if (lastSent != null) {
            lastSent.release();
            lastSent = null;
        }
        link.close();
    }
}
