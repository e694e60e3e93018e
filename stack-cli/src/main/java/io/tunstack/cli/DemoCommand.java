package io.tunstack.cli;

import io.tunstack.cli.http.HttpRequestWriter;
import io.tunstack.cli.http.HttpResponse;
import io.tunstack.cli.http.HttpUrl;
import io.tunstack.core.lab.LabNamespace;
import io.tunstack.core.tcp.TcpStats;
import io.tunstack.core.time.SystemClock;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.tls.HandshakeStep;
import io.tunstack.tls.TlsConfig;
import io.tunstack.tls.TlsSession;
import io.tunstack.tls.cert.PkixCertificateVerifier;
import io.tunstack.tls.cert.TrustStore;
import java.io.BufferedInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tunstack demo}: the whole story in one command. A fresh namespace with a TUN, an HTTPS server inside
 * it, one fetch through tunstack TCP and TLS, and then the TCP and TLS handshakes of that very connection as
 * tables, the page, and the numbers. Everything it creates is removed at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"As root, with nothing set up: create a namespace and TUN, start an HTTPS server inside it "
                + "(throw-away CA), fetch https://198.18.0.1:8443/ through tunstack TCP + TLS, and show this "
                + "connection's TCP and TLS handshakes as tables. The namespace is removed afterwards.",
                "Example: sudo ./tunstack demo --pcap demo.pcap"})
final class DemoCommand implements Callable<Integer> {
    private static final String SERVER = "198.18.0.1";
    private static final int PORT = 8443;

    @Mixin
    TcpOptions tcp = new TcpOptions();

    @Mixin
    TraceOptions traceOptions = new TraceOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path pcap = traceOptions.pcap != null ? traceOptions.pcap : Files.createTempFile("tunstack-demo", ".pcap");
        DemoPki pki = DemoPki.create(List.of(SERVER), List.of());
        List<HandshakeStep> tlsSteps = new ArrayList<>();
        long startNanos = System.nanoTime();
        Result result;
        String netns;
        try (EventLog log = EventLog.open(traceOptions, spec.commandLine().getErr(), startNanos);
                PlotRecorder recorder = new PlotRecorder(traceOptions.plot, log, SystemClock.INSTANCE, startNanos,
                        "tunstack demo");
                StackSession session = StackSession.startFresh(new StackSession.Setup(tcp.config(spec), pcap,
                        log.sink(), recorder::wrap))) {
            netns = session.netns();
            out.printf("namespace %s: TUN %s, kernel side %s, tunstack %s%n%n", netns, "tun0", SERVER,
                    LabNamespace.DEFAULT_STACK_ADDRESS);
            TlsConfig tlsConfig = TlsConfig.builder().serverName(SERVER)
                    .certificateVerifier(new PkixCertificateVerifier(TrustStore.of(pki.ca())))
                    .handshakeListener(step -> {
                        tlsSteps.add(step);
                        log.onStep(step);
                    }).build();
            try (DemoServer server = DemoServer.start(netns, SERVER, PORT, pki.serverContext())) {
                Connector connector = new Connector(session.host(),
                        new NameResolver(session.host(), 0, Duration.ofSeconds(5), Map.of()),
                        Duration.ofSeconds(10), Duration.ofSeconds(20), name -> tlsConfig, log);
                result = fetch(connector, HttpUrl.parse("https://" + SERVER + ":" + PORT + "/"));
                // let the last ACK of the close reach the wire before the capture stops
                Thread.sleep(200);
            }
        } finally {
            if (traceOptions.pcap == null) {
                pcap.toFile().deleteOnExit();
            }
        }
        printTcpTable(out, HandshakeCapture.find(pcap, Ipv4Address.parse(LabNamespace.DEFAULT_STACK_ADDRESS)));
        printTlsTable(out, tlsSteps, result.tls());
        out.println("Page (" + result.status() + "):");
        out.println(result.page());
        out.printf("Summary: %d body bytes in %.1f ms; TCP SRTT %.3f ms, RTO %d ms, retransmissions %d "
                        + "(timeout %d, fast %d), segments in/out %d/%d, bytes in/out %d/%d%n",
                result.page().getBytes(StandardCharsets.UTF_8).length, result.millis(),
                result.tcp().srttNanos() / 1e6, result.tcp().rtoNanos() / 1_000_000,
                result.tcp().timeoutRetransmissions() + result.tcp().fastRetransmissions(),
                result.tcp().timeoutRetransmissions(), result.tcp().fastRetransmissions(),
                result.tcp().segmentsIn(), result.tcp().segmentsOut(), result.tcp().bytesIn(), result.tcp().bytesOut());
        out.printf("Cleaned up: namespace %s removed.%n", netns);
        return ExitCodes.OK;
    }

    /** What the one demo connection delivered, with a snapshot of its TCP statistics. */
    private record Result(String status, String page, TlsSession tls, Snapshot tcp, double millis) {
    }

    /** TcpStats is a live view; the demo keeps the values as they were before the connection closed. */
    private record Snapshot(long srttNanos, long rtoNanos, long timeoutRetransmissions, long fastRetransmissions,
            long segmentsIn, long segmentsOut, long bytesIn, long bytesOut) {
        static Snapshot of(TcpStats s) {
            return new Snapshot(s.srttNanos(), s.rtoNanos(), s.timeoutRetransmissions(), s.fastRetransmissions(),
                    s.segmentsIn(), s.segmentsOut(), s.bytesIn(), s.bytesOut());
        }
    }

    private static Result fetch(Connector connector, HttpUrl url) throws Exception {
        long began = System.nanoTime();
        try (Connection connection = connector.open(url)) {
            HttpRequestWriter.write(connection.out(), "GET", url.target(), url.hostHeader());
            HttpResponse response = HttpResponse.read(new BufferedInputStream(connection.in()), "GET");
            String page = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            double millis = (System.nanoTime() - began) / 1e6;
            return new Result(response.statusLine(), page, connection.tlsSession(),
                    Snapshot.of(connection.tcpStats()), millis);
        }
    }

    private static void printTcpTable(PrintWriter out, HandshakeCapture h) {
        boolean synAckOk = h.synAck().ack() == ((h.syn().seq() + 1) & 0xFFFFFFFFL);
        boolean ackOk = h.ack().ack() == ((h.synAck().seq() + 1) & 0xFFFFFFFFL);
        new TextTable("Table 1. TCP three-way handshake (from the captured packets)",
                "step", "direction", "flags", "seq", "ack", "check")
                .row(1, h.syn().from() + " -> " + h.syn().to(), h.syn().flagNames(), h.syn().seq(), h.syn().ack(),
                        "client ISN = " + h.syn().seq())
                .row(2, h.synAck().from() + " -> " + h.synAck().to(), h.synAck().flagNames(), h.synAck().seq(),
                        h.synAck().ack(), "ack = client ISN + 1: " + (synAckOk ? "OK" : "MISMATCH"))
                .row(3, h.ack().from() + " -> " + h.ack().to(), h.ack().flagNames(), h.ack().seq(), h.ack().ack(),
                        "ack = server ISN + 1: " + (ackOk ? "OK" : "MISMATCH"))
                .print(out);
    }

    private static void printTlsTable(PrintWriter out, List<HandshakeStep> steps, TlsSession session) {
        TextTable table = new TextTable("Table 2. TLS handshake (" + session.version() + ", " + session.cipherSuite()
                + ", key exchange " + (session.group() == null ? "RSA" : session.group().ianaName()) + ")",
                "step", "direction", "message", "carried", "time");
        long start = steps.get(0).nanoTime();
        int n = 1;
        for (HandshakeStep step : steps) {
            table.row(n++, TlsMessages.direction(step.event()).words, TlsMessages.name(step.event()), step.detail(),
                    String.format("%.3f ms", (step.nanoTime() - start) / 1e6));
        }
        table.print(out);
    }
}
