package io.tunstack.cli;

import io.tunstack.core.tcp.RecordingEventSink;
import io.tunstack.core.tcp.TcpEvent;
import io.tunstack.core.tcp.TcpEventSink;
import io.tunstack.tls.HandshakeStep;
import io.tunstack.tls.TlsHandshakeListener;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Fans a run's TCP events and TLS steps out, as they happen, to whatever was asked for: the live trace on
 * stderr ({@code --trace}: state changes, retransmissions, TLS steps), the JSON-lines file ({@code --events}:
 * everything) and an in-memory recording for the chart ({@code --plot}). TCP events arrive on the
 * event loop thread, TLS steps on the application thread, so writes are synchronized.
 */
final class EventLog implements TcpEventSink, TlsHandshakeListener, Closeable {
    private final long startNanos;
    private final PrintWriter trace;
    private final PrintWriter events;
    private final RecordingEventSink recording;

    private EventLog(long startNanos, PrintWriter trace, PrintWriter events, RecordingEventSink recording) {
        this.startNanos = startNanos;
        this.trace = trace;
        this.events = events;
        this.recording = recording;
    }

    /** A log for {@code options}; times are reported relative to {@code startNanos} of the run's clock. */
    static EventLog open(TraceOptions options, PrintWriter err, long startNanos) throws IOException {
        PrintWriter events = options.events == null ? null
                : new PrintWriter(Files.newBufferedWriter(options.events, StandardCharsets.UTF_8));
        return new EventLog(startNanos, options.trace ? err : null, events,
                options.plot != null ? new RecordingEventSink() : null);
    }

    /** The sink to give the TCP layer: {@link TcpEventSink#NONE} when nothing is recorded, so no events are made. */
    TcpEventSink sink() {
        return trace == null && events == null && recording == null ? TcpEventSink.NONE : this;
    }

    @Override
    public synchronized void onEvent(TcpEvent event) {
        if (events != null) {
            events.println(TcpEventJson.format(event, startNanos));
        }
        if (recording != null) {
            recording.onEvent(event);
        }
        if (trace != null) {
            String text = traceText(event);
            if (text != null) {
                traceLine(event.nowNanos(), "tcp#" + event.connectionId() + " " + text);
            }
        }
    }

    /** A TLS handshake step, stamped by the TLS client with the same clock as the TCP events. */
    @Override
    public synchronized void onStep(HandshakeStep step) {
        if (events != null) {
            events.println(new JsonLine().put("time_ms", (step.nanoTime() - startNanos) / 1e6).put("type", "tls")
                    .put("step", TlsMessages.stepName(step.event())).put("message", TlsMessages.name(step.event()))
                    .put("detail", step.detail()).toString());
        }
        if (trace != null) {
            traceLine(step.nanoTime(), "tls " + TlsMessages.traceText(step));
        }
    }

    /** A free-form trace line (e.g. "resolved site.test to 198.18.0.1"); only with --trace. */
    synchronized void note(long nanos, String text) {
        if (trace != null) {
            traceLine(nanos, text);
        }
    }

    /** The recorded TCP events, empty unless a chart was asked for. */
    synchronized List<TcpEvent> recorded() {
        return recording == null ? List.of() : recording.events();
    }

    private void traceLine(long nanos, String text) {
        trace.printf("%10.3f ms  %s%n", (nanos - startNanos) / 1e6, text);
        trace.flush();
    }

    private static String traceText(TcpEvent event) {
        if (event instanceof TcpEvent.StateChange s) {
            return s.from() + " -> " + s.to();
        }
        if (event instanceof TcpEvent.Retransmission r) {
            return "retransmission (" + r.kind() + ") seq " + Integer.toUnsignedLong(r.seq()) + " length " + r.length();
        }
        return null;
    }

    @Override
    public synchronized void close() throws IOException {
        if (events != null) {
            events.close();
            if (events.checkError()) {
                throw new IOException("could not write the events file");
            }
        }
    }
}
