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

    @Option(names = "--loss-detection", paramLabel = "NAME", defaultValue = "rack",
            description = "Loss detection of SACK connections: rack (RFC 8985 RACK-TLP) or dupthresh (RFC 6675) "
                    + "(default: ${DEFAULT-VALUE}).")
    String lossDetection;

    /** The TCP configuration; a bad MTU or an unknown algorithm is a usage error naming the known ones. */
    TcpConfig config(CommandSpec spec) {
        try {
            return TcpConfig.builder().mtu(mtu).congestionControl(congestionControl)
                    .lossDetection(lossDetection(lossDetection)).build();
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, e.getMessage());
        }
    }

    private static TcpConfig.LossDetection lossDetection(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "rack" -> TcpConfig.LossDetection.RACK_TLP;
            case "dupthresh" -> TcpConfig.LossDetection.DUP_THRESH;
            default -> throw new IllegalArgumentException("unknown loss detection: " + name + " (known: rack, dupthresh)");
        };
    }
}
