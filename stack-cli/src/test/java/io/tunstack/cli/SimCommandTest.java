package io.tunstack.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.cli.sim.Simulation;
import io.tunstack.core.tcp.TcpConfig;
import io.tunstack.core.time.VirtualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunstack sim}: deterministic numbers, a real transfer, and a chart with the four series. */
class SimCommandTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void sameSeedGivesTheSameNumbersAndAnotherSeedDoesNot() {
        String[] args = {"sim", "--loss", "0.01", "--reorder", "0.01", "--bytes", "1M", "--seed", "5"};
        CliRun first = CliRun.run(args);
        CliRun second = CliRun.run(args);
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(first.stdout(), second.stdout());
        assertTrue(first.stdout().contains("transferred 1048576 bytes in "), first.stdout());
        assertTrue(first.stdout().matches("(?s).*retransmissions [1-9]\\d* .*"), "1% loss causes retransmissions");
        args[args.length - 1] = "6";
        assertNotEquals(first.stdout(), CliRun.run(args).stdout());
    }

    /**
     * RFC 9438's case for CUBIC: a long fat path (100 Mbit/s, 200 ms RTT) with rare random loss, where Reno's one
     * segment per RTT cannot refill the window between losses. The response functions (RFC 9438 §5.1) predict
     * about 7 Mbit/s for Reno and 18 for CUBIC at p = 10^-4; 8 MiB buffers keep the receive window out of it.
     */
    @Test
    void cubicOutrunsNewRenoOnALongFatPathWithRareLoss() {
        double cubic = simulatedMbps("cubic");
        double newReno = simulatedMbps("newreno");
        assertTrue(cubic > 1.5 * newReno, "cubic " + cubic + " Mbit/s, newreno " + newReno + " Mbit/s");
    }

    private static double simulatedMbps(String cc) {
        CliRun run = CliRun.run("sim", "--rate", "100mbit", "--delay", "100", "--queue", "2000", "--loss", "0.0001",
                "--duration", "60", "--seed", "3", "--buffer-size", "8M", "--cc", cc);
        assertEquals(0, run.exitCode(), run.toString());
        return Double.parseDouble(run.stdout().replaceAll("(?s).*= ([0-9.]+) Mbit/s.*", "$1"));
    }

    @Test
    void aSmallQueueTailDropsAndThroughputStaysBelowTheRate() {
        CliRun run = CliRun.run("sim", "--rate", "5mbit", "--queue", "5", "--bytes", "2M");
        assertEquals(0, run.exitCode(), run.toString());
        double mbps = Double.parseDouble(run.stdout().replaceAll("(?s).*= ([0-9.]+) Mbit/s.*", "$1"));
        assertTrue(mbps > 0.5 && mbps < 5, run.stdout());
        assertTrue(run.stdout().matches("(?s).*drops: 0 random, [1-9]\\d* queue.*"), run.stdout());
    }

    @Test
    void plotWritesAPngWithFourSeries(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("out.png");
        CliRun run = CliRun.run("sim", "--loss", "0.01", "--bytes", "1M", "--plot", png.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(png), 8));

        TraceOptions options = new TraceOptions();
        options.plot = png;
        VirtualClock clock = new VirtualClock();
        try (EventLog log = EventLog.open(options, new PrintWriter(new StringWriter()), 0)) {
            PlotRecorder recorder = new PlotRecorder(png, log, clock, 0, "test");
            Simulation.run(new Simulation.Spec(10_000_000, 20_000_000, 0.01, 0, 100, TcpConfig.defaults(), 1, 1 << 20, 0),
                    clock, log.sink(), recorder::wrap);
            TcpPlot plot = recorder.plot();
            assertEquals(4, plot.seriesCount());
            var chart = (org.jfree.chart.plot.CombinedDomainXYPlot) plot.chart("t").getXYPlot();
            for (var sub : chart.getSubplots()) {
                var data = sub.getDataset();
                for (int s = 0; s < data.getSeriesCount(); s++) {
                    assertTrue(data.getItemCount(s) > 0, "series " + data.getSeriesKey(s) + " has points");
                }
            }
        }
    }

    @Test
    void badSimArgumentsAreUsageErrors() {
        assertEquals(2, CliRun.run("sim", "--rate", "fast").exitCode());
        assertEquals(2, CliRun.run("sim", "--loss", "1.5").exitCode());
        assertEquals(2, CliRun.run("sim", "--bytes", "1M", "--duration", "3").exitCode());
    }
}
