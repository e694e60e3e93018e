package io.tunstack.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What to record about a run: packets, a live trace, an event log and a chart. */
final class TraceOptions {
    @Option(names = "--pcap", paramLabel = "FILE", description = "Write every packet, both directions, to a pcap file.")
    Path pcap;

    @Option(names = "--trace", description = "Print each TCP state change, retransmission and TLS step to stderr as it happens.")
    boolean trace;

    @Option(names = "--events", paramLabel = "FILE",
            description = "Write every TCP event (state, retransmission, window, cwnd/ssthresh, RTT) and TLS step as JSON lines.")
    Path events;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Chart cwnd, ssthresh, bytes in flight and RTT over time.")
    Path plot;
}
