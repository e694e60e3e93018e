package io.tunstack.cli;

import io.tunstack.core.link.PacketLink;
import io.tunstack.core.time.Clock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Collects what {@code --plot} needs during a run (bytes in flight from the link; the TCP events via the
 * {@link EventLog}) and draws the chart when closed, after the stack has stopped. Does nothing without --plot.
 */
final class PlotRecorder implements AutoCloseable {
    private final Path file;
    private final EventLog log;
    private final Clock clock;
    private final long startNanos;
    private final String title;
    private InFlightTracker tracker;

    PlotRecorder(Path file, EventLog log, Clock clock, long startNanos, String title) {
        this.file = file;
        this.log = log;
        this.clock = clock;
        this.startNanos = startNanos;
        this.title = title;
    }

    /** Wraps the stack's link to watch bytes in flight when a chart was asked for. */
    PacketLink wrap(PacketLink link) {
        if (file == null) {
            return link;
        }
        tracker = new InFlightTracker(link, clock);
        return tracker;
    }

    /** The chart's data as recorded so far, or null without --plot. */
    TcpPlot plot() {
        return file == null ? null
                : new TcpPlot(log.recorded(), tracker == null ? java.util.List.of() : tracker.samples(), startNanos);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            plot().save(file, title);
        }
    }
}
