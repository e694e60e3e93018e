package io.tunstack.cli;

import io.tunstack.core.tcp.TcpEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The chart of a TCP run: cwnd, ssthresh and bytes in flight (bytes) above, RTT samples (ms) below, over
 * time in seconds. Built from the recorded {@link TcpEvent}s and the {@link InFlightTracker}'s samples.
 */
final class TcpPlot {
    private final XYSeriesCollection bytes = new XYSeriesCollection();
    private final XYSeriesCollection rtt = new XYSeriesCollection();

    TcpPlot(List<TcpEvent> events, List<InFlightTracker.Sample> inFlight, long startNanos) {
        XYSeries cwnd = new XYSeries("cwnd", false);
        XYSeries ssthresh = new XYSeries("ssthresh", false);
        XYSeries flight = new XYSeries("bytes in flight", false);
        XYSeries rttMs = new XYSeries("RTT sample", false);
        for (TcpEvent event : events) {
            double t = (event.nowNanos() - startNanos) / 1e9;
            if (event instanceof TcpEvent.CongestionChange c) {
                cwnd.add(t, c.cwnd());
                // Before the first loss ssthresh is "arbitrarily high" (RFC 5681 §3.1): not drawn.
                if (c.ssthresh() != Integer.MAX_VALUE) {
                    ssthresh.add(t, c.ssthresh());
                }
            } else if (event instanceof TcpEvent.RttSample r) {
                rttMs.add(t, r.rttNanos() / 1e6);
            }
        }
        for (InFlightTracker.Sample s : inFlight) {
            flight.add((s.nanos() - startNanos) / 1e9, s.bytes());
        }
        bytes.addSeries(cwnd);
        bytes.addSeries(ssthresh);
        bytes.addSeries(flight);
        rtt.addSeries(rttMs);
    }

    /** How many series the chart draws (cwnd, ssthresh, bytes in flight, RTT). */
    int seriesCount() {
        return bytes.getSeriesCount() + rtt.getSeriesCount();
    }

    JFreeChart chart(String title) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("time (s)"));
        plot.add(new XYPlot(bytes, null, new NumberAxis("bytes"), new XYStepRenderer()), 2);
        XYStepRenderer rttRenderer = new XYStepRenderer();
        // The default fourth colour (yellow) is unreadable on white; RTT gets its own plot, so any dark one works.
        rttRenderer.setSeriesPaint(0, new java.awt.Color(0x8E, 0x44, 0xAD));
        plot.add(new XYPlot(rtt, null, new NumberAxis("RTT (ms)"), rttRenderer), 1);
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    void save(Path file, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ChartUtils.saveChartAsPNG(file.toFile(), chart(title), 1200, 800);
    }
}
