package io.tunstack.cli;

import io.tunstack.core.tcp.TcpEventSink;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Brings the stack up on a TUN and keeps it running: it answers pings until interrupted. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run the stack on a TUN device until Ctrl-C (or --seconds): it answers pings.",
                "Example: sudo ./tunstack up --netns lab   then   sudo ip netns exec lab ping 198.18.0.2"})
final class UpCommand implements Callable<Integer> {
    @Mixin
    LinkOptions link = new LinkOptions();

    @Mixin
    TcpOptions tcp = new TcpOptions();

    @Option(names = "--pcap", paramLabel = "FILE", description = "Write every packet, both directions, to a pcap file.")
    java.nio.file.Path pcap;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds instead of waiting for Ctrl-C.")
    Integer seconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        StackSession.Setup setup = new StackSession.Setup(tcp.config(spec), pcap, TcpEventSink.NONE, UnaryOperator.identity());
        try (StackSession session = StackSession.start(link, link.address(spec), setup)) {
            out.printf("tunstack up on %s%s as %s; Ctrl-C to stop%n", link.tun,
                    session.netns() == null ? "" : " in netns " + session.netns(), link.address);
            out.flush();
            session.awaitClosed(seconds == null ? null : Duration.ofSeconds(seconds));
            out.println("counters: " + session.host().ip().counters());
        }
        return ExitCodes.OK;
    }
}
