package io.tunstack.cli;

import io.tunstack.core.wire.Ipv4Address;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Argument checks shared by the subcommands; each failure is a picocli usage error (exit code 2). */
final class Cli {
    private Cli() {
    }

    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A dotted-quad IPv4 address given for {@code option}. */
    static int address(CommandSpec spec, String option, String text) {
        try {
            return Ipv4Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage(spec, option + ": " + e.getMessage());
        }
    }
}
