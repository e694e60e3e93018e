package io.tunstack.bench.tcp;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Runs the segment benchmarks' operations directly and reports the <em>thread CPU time</em> per operation (minimum,
 * 25th percentile and median over rounds) instead of JMH's wall-clock time: on a shared machine whose load exceeds
 * its cores, wall-clock averages mostly measure time spent descheduled, while the CPU time of the benchmark thread
 * does not count it (cache pollution by other processes still shows). Same state classes, same operations and
 * teardown checks as the JMH benchmarks; JMH stays the reference on a quiet machine.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tunstack.bench.tcp.CpuTimeRunner [rounds]</pre>
 */
public final class CpuTimeRunner {
    private static final int OPS_PER_ROUND = 200_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private CpuTimeRunner() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        SegmentBaselineBenchmark baseline = new SegmentBaselineBenchmark();
        baseline.setUp();
        run("checksum, 1500 B", rounds, baseline::checksum);
        run("copy, 1500 B", rounds, () -> baseline.copy().capacity());
        baseline.release();
        for (int connections : new int[] {1, 10_000}) {
            ReceivePathBenchmark receive = new ReceivePathBenchmark();
            receive.connections = connections;
            receive.setUp();
            run("(a) receive in-order, " + connections + " conn.", rounds, receive::inOrderSegment);
            receive.check();
        }
        AckPathBenchmark ack = new AckPathBenchmark();
        ack.setUp();
        run("(b) pure ACK", rounds, () -> {
            ack.pureAck();
            return 0;
        });
        ack.check();
        SendPathBenchmark send = new SendPathBenchmark();
        send.setUp();
        run("(c) send 1460 B", rounds, send::writeSegment);
        send.check();
        OutOfOrderBenchmark outOfOrder = new OutOfOrderBenchmark();
        outOfOrder.setUp();
        run("(d) out-of-order 1460 B", rounds, () -> {
            outOfOrder.outOfOrderSegment();
            return 0;
        });
        outOfOrder.check();
    }

    private static void run(String name, int rounds, IntSupplier op) {
        long sink = 0;
        for (int i = 0; i < 3 * OPS_PER_ROUND; i++) {
            sink += op.getAsInt();
        }
        double[] nanos = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < OPS_PER_ROUND; i++) {
                sink += op.getAsInt();
            }
            nanos[r] = (double) (THREADS.getCurrentThreadCpuTime() - start) / OPS_PER_ROUND;
        }
        Arrays.sort(nanos);
        System.out.printf("%-36s min %8.1f  p25 %8.1f  median %8.1f ns/op CPU  (%d)%n",
                name, nanos[0], nanos[rounds / 4], nanos[rounds / 2], sink & 1);
    }
}
