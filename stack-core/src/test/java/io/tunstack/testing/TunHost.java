package io.tunstack.testing;

import io.netty.buffer.PooledByteBufAllocator;
import io.tunstack.core.lab.LabNamespace;
import io.tunstack.core.link.Impairment;
import io.tunstack.core.link.ImpairmentLink;
import io.tunstack.core.link.PacketLink;
import io.tunstack.core.link.PcapWriter;
import io.tunstack.core.link.TunLink;
import io.tunstack.core.socket.Host;
import io.tunstack.core.tcp.TcpConfig;
import io.tunstack.core.tcp.TcpEventSink;
import io.tunstack.core.time.SystemClock;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.nativ.TunDevice;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A test fixture: a fresh lab namespace with a TUN, and a tunstack {@link Host} on 198.18.0.2 attached
 * to it (optionally impaired and recorded). Closing removes the host, the TUN and the namespace.
 */
public final class TunHost implements AutoCloseable {
    public static final int GATEWAY = Ipv4Address.parse("198.18.0.1");

    private final LabNamespace lab;
    private final Host host;
    private final ImpairmentLink impairment;
    private final TunLink tunLink;

    private TunHost(LabNamespace lab, Host host, ImpairmentLink impairment, TunLink tunLink) {
        this.lab = lab;
        this.host = host;
        this.impairment = impairment;
        this.tunLink = tunLink;
    }

    /** Options for {@link #start}. */
    public record Options(TcpConfig tcp, Path pcap, long seed, Impairment inbound, Impairment outbound,
            TcpEventSink events, boolean offloads) {
        public static Options defaults() {
            return new Options(TcpConfig.defaults(), null, 1, null, null, TcpEventSink.NONE, false);
        }

        public Options withTcp(TcpConfig config) {
            return new Options(config, pcap, seed, inbound, outbound, events, offloads);
        }

        public Options withPcap(Path file) {
            return new Options(tcp, file, seed, inbound, outbound, events, offloads);
        }

        public Options withImpairment(long seed, Impairment in, Impairment out) {
            return new Options(tcp, pcap, seed, in, out, events, offloads);
        }

        public Options withEvents(TcpEventSink sink) {
            return new Options(tcp, pcap, seed, inbound, outbound, sink, offloads);
        }

        /** Opens the TUN with IFF_VNET_HDR and TSO ({@link TunDevice#open(String, String, boolean)}). */
        public Options withOffloads() {
            return new Options(tcp, pcap, seed, inbound, outbound, events, true);
        }
    }

    public static TunHost start(Options options) throws IOException {
        RootRequirement.check();
        LabNamespace lab = LabNamespace.createFresh(1500);
        try {
            TunDevice tun = TunDevice.open(lab.tun(), lab.netns(), options.offloads());
            TunLink tunLink = new TunLink(tun, PooledByteBufAllocator.DEFAULT);
            PacketLink link = tunLink;
            ImpairmentLink impairment = null;
            if (options.inbound() != null) {
                impairment = new ImpairmentLink(link, SystemClock.INSTANCE, options.seed(), options.inbound(),
                        options.outbound());
                link = impairment;
            }
            if (options.pcap() != null) {
                link = new PcapWriter(link, options.pcap(), SystemClock.INSTANCE);
            }
            Host host = Host.builder(link, Ipv4Address.parse(LabNamespace.DEFAULT_STACK_ADDRESS))
                    .tcp(options.tcp()).events(options.events()).threadName("tunhost-" + lab.netns()).start();
            return new TunHost(lab, host, impairment, tunLink);
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    public static TunHost start() throws IOException {
        return start(Options.defaults());
    }

    public LabNamespace lab() {
        return lab;
    }

    public Host host() {
        return host;
    }

    public ImpairmentLink impairment() {
        return impairment;
    }

    /** The link on the TUN itself, under any impairment or pcap decorators: its counters. */
    public TunLink tunLink() {
        return tunLink;
    }

    /** The TCP connections' state, the TCP counters and the impairment counters, for a failing test's log. */
    public String diagnostics() {
        try {
            return host.onLoop(l -> String.join("\n", l.tcp().describeConnections()) + "\n" + l.tcp().counters()
                    + (impairment == null ? "" : "\nimpairment in: " + impairment.inboundStats() + "\nimpairment out: "
                    + impairment.outboundStats()));
        } catch (IOException e) {
            return "no diagnostics: " + e.getMessage();
        }
    }

    /** Prints {@link #diagnostics()} every {@code period} until closed: shows where a slow test is stuck. */
    public AutoCloseable reportWhileRunning(java.time.Duration period) {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "stall-reporter");
                    t.setDaemon(true);
                    return t;
                });
        timer.scheduleAtFixedRate(() -> System.out.println("[" + lab.netns() + "] still running:\n" + diagnostics()),
                period.toMillis(), period.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    @Override
    public void close() throws IOException {
        try {
            host.close();
        } finally {
            lab.close();
        }
    }
}
