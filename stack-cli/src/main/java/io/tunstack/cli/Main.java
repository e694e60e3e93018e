package io.tunstack.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tunstack} command: subcommands over a stack that owns a TUN device. */
@Command(name = "tunstack", mixinStandardHelpOptions = true, version = "tunstack 0.1.0",
        description = "A userspace TCP/IP + TLS stack over a Linux TUN device.",
        subcommands = {FetchCommand.class, ListenCommand.class, DemoCommand.class, SimCommand.class, UpCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    private final PrintStream stdout;

    private Main(PrintStream stdout) {
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    /** The command line writing text and binary output to {@code out}, diagnostics to {@code err}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Main(out));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("tunstack: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("tunstack: " + ExitCodes.describe(e));
            return ExitCodes.of(e);
        });
        return commandLine;
    }

    /** Binary standard output, for bodies and other raw bytes. */
    PrintStream stdout() {
        return stdout;
    }
}
