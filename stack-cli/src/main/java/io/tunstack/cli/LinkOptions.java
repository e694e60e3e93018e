package io.tunstack.cli;

import io.tunstack.core.lab.LabNamespace;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where the stack attaches: the TUN device, its namespace and the addresses on either side of it. */
final class LinkOptions {
    @Option(names = "--netns", paramLabel = "NAME",
            description = "Network namespace holding the TUN; created (and removed on exit, also on Ctrl-C) if missing.")
    String netns;

    @Option(names = "--tun", paramLabel = "NAME", defaultValue = "tun0", description = "TUN device name (default: ${DEFAULT-VALUE}).")
    String tun;

    @Option(names = "--addr", paramLabel = "ADDR", defaultValue = LabNamespace.DEFAULT_STACK_ADDRESS,
            description = "The stack's IPv4 address (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--gateway", paramLabel = "ADDR/LEN", defaultValue = LabNamespace.DEFAULT_GATEWAY,
            description = "Kernel-side address of the TUN in a created namespace; also the default DNS server "
                    + "(default: ${DEFAULT-VALUE}).")
    String gateway;

    @Option(names = "--offload",
            description = "Open the TUN with IFF_VNET_HDR and TSO: the kernel hands over TCP segments of up to 64 KiB "
                    + "with partial checksums, which tunstack completes (receive side only).")
    boolean offload;

    /** The stack's address; a malformed one is a usage error. */
    int address(CommandSpec spec) {
        return Cli.address(spec, "--addr", address);
    }

    /** The gateway address without its prefix length. */
    String gatewayAddress() {
        int slash = gateway.indexOf('/');
        return slash < 0 ? gateway : gateway.substring(0, slash);
    }
}
