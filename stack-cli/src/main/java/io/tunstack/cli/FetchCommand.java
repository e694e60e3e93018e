package io.tunstack.cli;

import io.tunstack.cli.http.HttpRequestWriter;
import io.tunstack.cli.http.HttpResponse;
import io.tunstack.cli.http.HttpUrl;
import io.tunstack.core.tcp.TcpStats;
import io.tunstack.core.time.SystemClock;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tunstack fetch URL}: an HTTP/1.1 GET over tunstack TCP (and our TLS for https), like curl. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Fetch an http:// or https:// URL through tunstack TCP, our TLS and our DNS, like curl.",
                "The body goes to stdout (or -o FILE); failures exit with curl's codes: 6 could not resolve, "
                        + "7 could not connect, 28 timeout, 35 TLS handshake failed, 60 certificate problem.",
                "Example: sudo ./tunstack fetch --netns lab --trace https://198.18.0.1:8443/"})
final class FetchCommand implements Callable<Integer> {
    /** RFC 9110 §15.4: the redirections that carry a Location to follow. */
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    @Parameters(paramLabel = "URL", description = "http:// or https:// URL.")
    String url;

    @Option(names = {"-I", "--head"}, description = "Send HEAD instead of GET; print the headers.")
    boolean head;

    @Option(names = {"-i", "--include"}, description = "Include the response status line and headers in the output.")
    boolean include;

    @Option(names = {"-L", "--location"}, description = "Follow redirects (at most --max-redirs).")
    boolean follow;

    @Option(names = "--max-redirs", paramLabel = "N", defaultValue = "5", description = "Redirect limit (default: ${DEFAULT-VALUE}).")
    int maxRedirects;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the body to FILE instead of stdout.")
    Path output;

    @Option(names = "--dns", paramLabel = "ADDR", description = "DNS server to ask, through tunstack UDP (default: the gateway).")
    String dns;

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDR", description = "Use ADDR for HOST:PORT without DNS (repeatable).")
    List<String> resolve = List.of();

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up connecting (and resolving) after this long (default: ${DEFAULT-VALUE}).")
    double connectTimeout;

    @Option(names = {"-m", "--max-time"}, paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up when the server is silent this long (default: ${DEFAULT-VALUE}).")
    double readTimeout;

    @Mixin
    LinkOptions link = new LinkOptions();

    @Mixin
    TcpOptions tcp = new TcpOptions();

    @Mixin
    TraceOptions traceOptions = new TraceOptions();

    @Mixin
    TlsOptions tls = new TlsOptions();

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        HttpUrl start = parseUrl();
        Map<String, Integer> overrides = overrides();
        int dnsServer = Cli.address(spec, "--dns", dns == null ? link.gatewayAddress() : dns);
        if (start.https()) {
            tls.config(spec, start.host(), null); // bad TLS options are usage errors before anything is set up
        }
        PrintWriter err = spec.commandLine().getErr();
        long startNanos = System.nanoTime();
        try (EventLog log = EventLog.open(traceOptions, err, startNanos);
                PlotRecorder recorder = new PlotRecorder(traceOptions.plot, log, SystemClock.INSTANCE, startNanos,
                        "tunstack fetch " + start);
                StackSession session = StackSession.start(link, link.address(spec), new StackSession.Setup(
                        tcp.config(spec), traceOptions.pcap, log.sink(), recorder::wrap))) {
            Duration connect = seconds(connectTimeout);
            NameResolver resolver = new NameResolver(session.host(), dnsServer, connect, overrides);
            Connector connector = new Connector(session.host(), resolver, connect, seconds(readTimeout),
                    name -> tls.config(spec, name, log), log);
            fetch(connector, start, log);
        }
        return ExitCodes.OK;
    }

    private void fetch(Connector connector, HttpUrl start, EventLog log) throws IOException {
        HttpUrl current = start;
        for (int redirects = 0; ; redirects++) {
            long began = System.nanoTime();
            try (Connection connection = connector.open(current)) {
                String method = head ? "HEAD" : "GET";
                HttpRequestWriter.write(connection.out(), method, current.target(), current.hostHeader());
                HttpResponse response = HttpResponse.read(new BufferedInputStream(connection.in()), method);
                String location = response.headers().first("Location");
                if (follow && REDIRECTS.contains(response.status()) && location != null) {
                    if (redirects == maxRedirects) {
                        throw new IOException("maximum (" + maxRedirects + ") redirects followed");
                    }
                    log.note(System.nanoTime(), response.status() + " redirect to " + location);
                    current = current.resolve(location);
                    continue;
                }
                long bytes = deliver(response);
                TcpStats stats = connection.tcpStats();
                log.note(System.nanoTime(), String.format("%s, %d body bytes in %.1f ms; %s", response.statusLine(),
                        bytes, (System.nanoTime() - began) / 1e6, stats));
                return;
            }
        }
    }

    /** Writes headers (with -i or -I) and body to stdout or the output file; returns the body length. */
    private long deliver(HttpResponse response) throws IOException {
        PrintStream stdout = main.stdout();
        try (OutputStream file = output == null ? null : Files.newOutputStream(output)) {
            if (include || head) {
                StringBuilder headers = new StringBuilder(response.statusLine()).append("\r\n");
                response.headers().fields().forEach(f -> headers.append(f.name()).append(": ").append(f.value()).append("\r\n"));
                stdout.write(headers.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            }
            long bytes = response.body().transferTo(file == null ? stdout : file);
            stdout.flush();
            return bytes;
        }
    }

    private HttpUrl parseUrl() {
        try {
            return HttpUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, e.getMessage());
        }
    }

    /** curl's --resolve syntax: HOST:PORT:ADDRESS. */
    private Map<String, Integer> overrides() {
        Map<String, Integer> map = new HashMap<>();
        for (String entry : resolve) {
            String[] parts = entry.split(":");
            if (parts.length != 3 || !parts[1].matches("\\d{1,5}")) {
                throw Cli.usage(spec, "--resolve wants HOST:PORT:ADDR, not " + entry);
            }
            map.put(parts[0].toLowerCase(java.util.Locale.ROOT) + ":" + Integer.parseInt(parts[1]),
                    Cli.address(spec, "--resolve", parts[2]));
        }
        return map;
    }

    private Duration seconds(double value) {
        if (!(value > 0) || value > 86_400) {
            throw Cli.usage(spec, "timeouts must be between 0 and 86400 seconds: " + value);
        }
        return Duration.ofNanos((long) (value * 1e9));
    }
}
