package io.tunstack.cli;

import io.tunstack.core.lab.LabNamespace;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every subcommand that runs the stack shares. */
final class LinkOptions {
    @Option(names = "--netns", paramLabel = "NAME",
            description = "Network namespace holding the TUN; created (and removed on exit) if missing.")
    String netns;

    @Option(names = "--tun", paramLabel = "NAME", defaultValue = "tun0", description = "TUN device name (default: ${DEFAULT-VALUE}).")
    String tun;

    @Option(names = "--addr", paramLabel = "ADDR", defaultValue = LabNamespace.DEFAULT_STACK_ADDRESS,
            description = "The stack's IPv4 address (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--gateway", paramLabel = "ADDR/LEN", defaultValue = LabNamespace.DEFAULT_GATEWAY,
            description = "Kernel-side address of the TUN in a created namespace (default: ${DEFAULT-VALUE}).")
    String gateway;

    @Option(names = "--mtu", defaultValue = "1500", description = "Link MTU (default: ${DEFAULT-VALUE}).")
    int mtu;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Write every packet, both directions, to a pcap file.")
    Path pcap;
}
