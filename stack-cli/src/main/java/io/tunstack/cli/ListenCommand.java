package io.tunstack.cli;

import io.tunstack.cli.http.StaticFileHandler;
import io.tunstack.core.socket.TcpServerSocket;
import io.tunstack.core.socket.TcpSocket;
import io.tunstack.core.time.SystemClock;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.tls.TlsServer;
import io.tunstack.tls.TlsServerConfig;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.TlsStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tunstack listen}: a TCP server on tunstack, a thread per connection, one line per finished connection. */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Accept TCP connections on tunstack and echo, discard, or serve static files over HTTP/1.1.",
                "Prints one line per connection: peer, bytes in/out (TCP payload), duration. With --tls-cert and --tls-key",
                "every connection is TLS (our server: TLS 1.3, or TLS 1.2 ECDHE) and the line also names version and suite.",
                "Example: sudo ./tunstack listen --netns lab --port 8080 --http ./site   then   "
                        + "sudo ip netns exec lab curl http://198.18.0.2:8080/"})
final class ListenCommand implements Callable<Integer> {
    /** What to do with each connection. */
    static final class Mode {
        @Option(names = "--echo", required = true, description = "Send back everything received.")
        boolean echo;

        @Option(names = "--discard", required = true, description = "Read and drop everything (RFC 863 style).")
        boolean discard;

        @Option(names = "--http", paramLabel = "DIR", required = true, description = "Serve files under DIR (GET, HEAD).")
        Path http;
    }

    /** One connection's work on its streams. */
    @FunctionalInterface
    private interface Handler {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    @Option(names = "--port", paramLabel = "PORT", required = true, description = "TCP port to listen on.")
    int port;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--max-conns", paramLabel = "N", description = "Stop after N connections have been served.")
    Integer maxConnections;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop accepting after N seconds.")
    Integer seconds;

    @Mixin
    LinkOptions link = new LinkOptions();

    @Mixin
    TcpOptions tcp = new TcpOptions();

    @Mixin
    TraceOptions traceOptions = new TraceOptions();

    @Mixin
    ServerTlsOptions tlsOptions = new ServerTlsOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port <= 0 || port > 0xFFFF) {
            throw Cli.usage(spec, "--port must be 1..65535: " + port);
        }
        Handler handler = handler();
        TlsServerConfig tls = tlsOptions.config(spec);
        PrintWriter out = spec.commandLine().getOut();
        long startNanos = System.nanoTime();
        try (EventLog log = EventLog.open(traceOptions, spec.commandLine().getErr(), startNanos);
                PlotRecorder recorder = new PlotRecorder(traceOptions.plot, log, SystemClock.INSTANCE, startNanos,
                        "tunstack listen :" + port);
                StackSession session = StackSession.start(link, link.address(spec), new StackSession.Setup(
                        tcp.config(spec), traceOptions.pcap, log.sink(), recorder::wrap));
                TcpServerSocket server = session.host().listen(port, 128)) {
            out.printf("listening on %s:%d%s%n", link.address, port,
                    session.netns() == null ? "" : " in netns " + session.netns());
            List<Thread> workers = new ArrayList<>();
            long deadline = seconds == null ? Long.MAX_VALUE : startNanos + Duration.ofSeconds(seconds).toNanos();
            while ((maxConnections == null || workers.size() < maxConnections) && System.nanoTime() < deadline) {
                TcpSocket socket;
                try {
                    socket = server.accept(Duration.ofMillis(200));
                } catch (SocketTimeoutException e) {
                    continue;
                }
                Thread worker = new Thread(() -> serve(socket, tls, handler, out), "tunstack-conn-" + workers.size());
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
        return ExitCodes.OK;
    }

    private Handler handler() throws IOException {
        if (mode.echo) {
            return InputStream::transferTo;
        }
        if (mode.discard) {
            return (in, out) -> in.transferTo(OutputStream.nullOutputStream());
        }
        StaticFileHandler files = new StaticFileHandler(mode.http);
        return files::serve;
    }

    /** Serves one connection, over TLS when {@code tls} is set; ends with FIN (and close_notify before it with TLS). */
    private static void serve(TcpSocket socket, TlsServerConfig tls, Handler handler, PrintWriter out) {
        String peer = Ipv4Address.format(socket.remoteAddress()) + ":" + socket.remotePort();
        CountingStreams counts = new CountingStreams();
        long began = System.nanoTime();
        String outcome = "closed";
        String negotiated = "";
        try (socket) {
            socket.setReadTimeout(Duration.ofSeconds(60));
            InputStream in = counts.wrap(socket.getInputStream());
            OutputStream sent = counts.wrap(socket.getOutputStream());
            if (tls == null) {
                handler.serve(in, sent);
                socket.shutdownOutput();
            } else {
                TlsStreams streams = new TlsStreams(new TlsServer(tls), in, sent);
                TlsSession session = streams.handshake();
                negotiated = "  " + session.version() + " " + session.cipherSuite();
                handler.serve(streams.getInputStream(), streams.getOutputStream());
                streams.close();
            }
        } catch (IOException e) {
            outcome = "failed: " + ExitCodes.describe(e);
        }
        synchronized (out) {
            out.printf("%s  in %d bytes  out %d bytes  %.1f ms  %s%s%n", peer, counts.received.get(), counts.sent.get(),
                    (System.nanoTime() - began) / 1e6, outcome, negotiated);
            out.flush();
        }
    }
}
