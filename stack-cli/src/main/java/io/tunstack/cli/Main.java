package io.tunstack.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tunstack} command: subcommands over a stack that owns a TUN device. */
@Command(name = "tunstack", mixinStandardHelpOptions = true, version = "tunstack 0.1.0",
        description = "A userspace TCP/IP + TLS stack over a Linux TUN device.",
        subcommands = {UpCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExitCodeOnInvalidInput(ExitCodes.USAGE);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("tunstack: " + ExitCodes.describe(e));
            return ExitCodes.of(e);
        });
        return commandLine;
    }
}
