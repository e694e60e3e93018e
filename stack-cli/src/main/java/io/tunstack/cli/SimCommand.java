package io.tunstack.cli;

import io.tunstack.cli.sim.Simulation;
import io.tunstack.core.time.VirtualClock;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tunstack sim}: a deterministic TCP transfer over a simulated bottleneck on a virtual clock. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Simulate a bulk TCP transfer between two tunstack TCP layers over a bottleneck link "
                + "(rate, queue, delay) with seeded loss and reordering, on a virtual clock: no root, no waiting, "
                + "and the same seed gives the same numbers.",
                "Example: ./tunstack sim --rate 10mbit --delay 20 --loss 0.01 --bytes 5M --plot cwnd.png"})
final class SimCommand implements Callable<Integer> {

    @Option(names = "--rate", paramLabel = "RATE", defaultValue = "10mbit",
            description = "Bottleneck rate each way, e.g. 500kbit, 10mbit, 1gbit (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--delay", paramLabel = "MS", defaultValue = "20", description = "One-way delay in ms (default: ${DEFAULT-VALUE}).")
    double delayMs;

    @Option(names = "--loss", paramLabel = "P", defaultValue = "0", description = "Random loss probability per packet, each way.")
    double loss;

    @Option(names = "--reorder", paramLabel = "P", defaultValue = "0",
            description = "Probability a packet is held back one extra delay, each way.")
    double reorder;

    @Option(names = "--queue", paramLabel = "PACKETS", defaultValue = "100",
            description = "Bottleneck queue limit, tail drop (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bytes", paramLabel = "SIZE", description = "Transfer this much, e.g. 10M (default 10M).")
    String bytes;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Instead of --bytes: send for this long (virtual time).")
    Double duration;

    @Mixin
    TcpOptions tcp = new TcpOptions();

    @Mixin
    TraceOptions traceOptions = new TraceOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Simulation.Spec sim = spec();
        PrintWriter out = spec.commandLine().getOut();
        VirtualClock clock = new VirtualClock();
        long start = clock.nanoTime();
        Simulation.Result result;
        try (EventLog log = EventLog.open(traceOptions, spec.commandLine().getErr(), start);
                PlotRecorder recorder = new PlotRecorder(traceOptions.plot, log, clock, start, String.format(
                        Locale.ROOT, "tunstack sim: %s, %.1f ms, loss %s, %s", rate, delayMs, loss, tcp.congestionControl))) {
            result = Simulation.run(sim, clock, log.sink(), link -> recorder.wrap(
                    traceOptions.pcap == null ? link : PcapLinks.open(link, traceOptions.pcap, clock)));
        }
        out.printf(Locale.ROOT, "sim: %s each way, %.1f ms one-way delay, queue %d packets, loss %s, reorder %s, %s, seed %d%n",
                rate, delayMs, queue, loss, reorder, tcp.congestionControl, seed);
        out.printf(Locale.ROOT, "transferred %d bytes in %.3f s (virtual)%s = %.3f Mbit/s%n", result.bytesDelivered(),
                result.nanos() / 1e9, result.completed() ? "" : " (not finished)", result.megabitsPerSecond());
        out.printf(Locale.ROOT, "retransmissions %d (timeout %d, fast %d); drops: %d random, %d queue%n",
                result.timeoutRetransmissions() + result.fastRetransmissions(), result.timeoutRetransmissions(),
                result.fastRetransmissions(), result.randomDrops(), result.tailDrops());
        LongSummaryStatistics rtt = result.rttSamplesNanos().stream().mapToLong(Long::longValue).summaryStatistics();
        out.printf(Locale.ROOT, "RTT min/avg/max %.3f/%.3f/%.3f ms over %d samples%n", rtt.getMin() / 1e6,
                rtt.getAverage() / 1e6, rtt.getMax() / 1e6, rtt.getCount());
        return ExitCodes.OK;
    }

    private Simulation.Spec spec() {
        if (!(loss >= 0 && loss < 1) || !(reorder >= 0 && reorder <= 1)) {
            throw Cli.usage(spec, "--loss must be in [0, 1) and --reorder in [0, 1]");
        }
        if (!(delayMs >= 0 && delayMs <= 10_000) || queue < 1) {
            throw Cli.usage(spec, "--delay must be 0..10000 ms and --queue at least 1");
        }
        if (bytes != null && duration != null) {
            throw Cli.usage(spec, "give --bytes or --duration, not both");
        }
        if (duration != null && !(duration > 0 && duration <= 3600)) {
            throw Cli.usage(spec, "--duration must be 0..3600 seconds");
        }
        try {
            long size = duration != null ? 0 : Quantities.size(bytes == null ? "10M" : bytes, "--bytes");
            return new Simulation.Spec(Quantities.rate(rate, "--rate"), (long) (delayMs * 1e6), loss, reorder, queue,
                    tcp.config(spec), seed, size, duration == null ? 0 : (long) (duration * 1e9));
        } catch (IllegalArgumentException e) {
            throw Cli.usage(spec, e.getMessage());
        }
    }
}
