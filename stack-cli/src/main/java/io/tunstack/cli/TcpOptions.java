package io.tunstack.cli;

import io.tunstack.core.tcp.TcpConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** TCP settings shared by every subcommand that runs tunstack TCP. */
final class TcpOptions {
    @Option(names = "--mtu", paramLabel = "BYTES", defaultValue = "1500", description = "Link MTU (default: ${DEFAULT-VALUE}).")
    int mtu;

    @Option(names = "--cc", paramLabel = "NAME", defaultValue = "newreno",
            description = "Congestion control algorithm (default: ${DEFAULT-VALUE}).")
    String congestionControl;

    /** The TCP configuration; a bad MTU or an unknown algorithm is a usage error naming the known ones. */
    TcpConfig config(CommandSpec spec) {
        try {
            return TcpConfig.builder().mtu(mtu).congestionControl(congestionControl).build();
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, e.getMessage());
        }
    }
}
