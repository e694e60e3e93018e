package io.tunstack.cli;

import io.netty.buffer.ByteBuf;
import io.tunstack.core.link.ObservingLink;
import io.tunstack.core.link.PacketLink;
import io.tunstack.core.time.Clock;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.core.wire.TcpHeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the packets of a link and works out the stack's bytes in flight the way Wireshark's TCP analysis
 * does: for each flow the stack sends on, the highest sequence number sent minus the highest
 * acknowledgment received (SYN and FIN count, RFC 9293 §3.4). Keeps a sample of the total at every change.
 * Runs on the event loop thread; read {@link #samples} after the loop has stopped.
 */
final class InFlightTracker extends ObservingLink {
    /** Total bytes in flight over all flows at a time of the link's clock. */
    record Sample(long nanos, long bytes) {
    }

    private static final class Flow {
        int sndMax;
        int acked;
        boolean started;
    }

    private final Clock clock;
    private final Map<Long, Flow> flows = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();
    private final Ipv4Header ip = new Ipv4Header();
    private final TcpHeader tcp = new TcpHeader();
    private long total;

    InFlightTracker(PacketLink inner, Clock clock) {
        super(inner);
        this.clock = clock;
    }

    @Override
    protected void received(ByteBuf packet) {
        if (parse(packet) && (tcp.flags & TcpHeader.ACK) != 0) {
            Flow flow = flows.get(key(ip.dstAddr, tcp.dstPort, ip.srcAddr, tcp.srcPort));
            if (flow != null && flow.started && tcp.ack - flow.acked > 0 && tcp.ack - flow.sndMax <= 0) {
                update(flow, flow.sndMax - tcp.ack, () -> flow.acked = tcp.ack);
            }
        }
    }

    @Override
    protected void sending(ByteBuf packet) {
        if (parse(packet)) {
            int end = tcp.seq + TcpPackets.sequenceLength(ip, tcp);
            Flow flow = flows.computeIfAbsent(key(ip.srcAddr, tcp.srcPort, ip.dstAddr, tcp.dstPort), k -> new Flow());
            if (!flow.started) {
                flow.started = true;
                flow.acked = tcp.seq;
                flow.sndMax = tcp.seq;
            }
            if (end - flow.sndMax > 0) {
                update(flow, end - flow.acked, () -> flow.sndMax = end);
            }
        }
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Replaces the flow's in-flight count ({@code sndMax - acked} after {@code change}) and samples the total. */
    private void update(Flow flow, long newInFlight, Runnable change) {
        total += newInFlight - (flow.sndMax - flow.acked);
        change.run();
        samples.add(new Sample(clock.nanoTime(), total));
    }

    private boolean parse(ByteBuf packet) {
        return TcpPackets.parse(packet, ip, tcp);
    }

    private static long key(int localAddr, int localPort, int remoteAddr, int remotePort) {
        return ((long) localPort << 48) ^ ((long) remotePort << 32) ^ (localAddr * 31L + remoteAddr);
    }
}
