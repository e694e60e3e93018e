package io.tunstack.cli;

import io.tunstack.core.tcp.TcpConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** TCP settings shared by every subcommand that runs tunstack TCP. */
final class TcpOptions {
    private static final long MAX_BUFFER = 1L << 30;

    @Option(names = "--mtu", paramLabel = "BYTES", defaultValue = "1500", description = "Link MTU (default: ${DEFAULT-VALUE}).")
    int mtu;

    @Option(names = "--cc", paramLabel = "NAME", defaultValue = "newreno",
            description = "Congestion control: newreno (RFC 5681/6582) or cubic (RFC 9438) (default: ${DEFAULT-VALUE}).")
    String congestionControl;

    @Option(names = "--loss-detection", paramLabel = "NAME", defaultValue = "rack",
            description = "Loss detection of SACK connections: rack (RFC 8985 RACK-TLP) or dupthresh (RFC 6675) "
                    + "(default: ${DEFAULT-VALUE}).")
    String lossDetection;

    @Option(names = "--prr", paramLabel = "on|off", defaultValue = "on",
            description = "Proportional Rate Reduction (RFC 9937) in SACK loss recovery; off sends by RFC 6675 alone "
                    + "(default: ${DEFAULT-VALUE}).")
    String prr;

    @Option(names = "--buffer-size", paramLabel = "SIZE", defaultValue = "256K",
            description = "Send and receive buffer per connection, e.g. 4M; the receive buffer bounds the window "
                    + "(default: ${DEFAULT-VALUE}).")
    String bufferSize;

    /** The TCP configuration; a bad MTU, size or an unknown algorithm is a usage error naming the known ones. */
    TcpConfig config(CommandSpec spec) {
        try {
            long buffer = Quantities.size(bufferSize, "--buffer-size");
            if (buffer > MAX_BUFFER) {
                throw new IllegalArgumentException("--buffer-size is at most 1G (RFC 7323 §2.3: window scale 14)");
            }
            return TcpConfig.builder().mtu(mtu).congestionControl(congestionControl)
                    .lossDetection(lossDetection(lossDetection)).proportionalRateReduction(onOff(prr, "--prr"))
                    .sendBufferSize((int) buffer)
                    .receiveBufferSize((int) buffer).build();
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, e.getMessage());
        }
    }

    private static boolean onOff(String value, String option) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(option + " is on or off, not " + value);
        };
    }

    private static TcpConfig.LossDetection lossDetection(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "rack" -> TcpConfig.LossDetection.RACK_TLP;
            case "dupthresh" -> TcpConfig.LossDetection.DUP_THRESH;
            default -> throw new IllegalArgumentException("unknown loss detection: " + name + " (known: rack, dupthresh)");
        };
    }
}
