package io.tunstack.bench.tcp;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Runs the segment benchmarks' operations directly and reports the <em>thread CPU time</em> per operation instead of
 * JMH's wall-clock time, the operations taking turns: each round runs every operation for {@value #OPS_PER_TURN}
 * operations, one after the other. On this shared 2-core machine wall-clock averages mostly measure time spent
 * descheduled, which CPU time does not count; what remains (another process's cache pollution, a sibling
 * hyperthread's load) changes from phase to phase, and taking turns puts every operation into the same phases, so
 * the ratio to the checksum taken round by round stays steady where sequential runs swing by half. Reports per
 * operation the minimum, 25th percentile and median CPU time and the median per-round ratio to the checksum. Same
 * state classes, operations and teardown checks as the JMH benchmarks; JMH stays the reference on a quiet machine.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tunstack.bench.tcp.CpuTimeRunner [rounds]</pre>
 */
public final class CpuTimeRunner {
    private static final int OPS_PER_TURN = 20_000;
    private static final int WARM_UP_ROUNDS = 30;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** The operations' results, printed so that none can be optimised away. */
    private static long sink;

    private CpuTimeRunner() {
    }

    private record Operation(String name, IntSupplier op) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        SegmentBaselineBenchmark baseline = new SegmentBaselineBenchmark();
        baseline.setUp();
        ReceivePathBenchmark receiveOne = receive(1);
        ReceivePathBenchmark receiveMany = receive(10_000);
        AckPathBenchmark ack = new AckPathBenchmark();
        ack.setUp();
        SendPathBenchmark send = new SendPathBenchmark();
        send.setUp();
        OutOfOrderBenchmark outOfOrder = new OutOfOrderBenchmark();
        outOfOrder.setUp();
        List<Operation> operations = List.of(
                new Operation("checksum, 1500 B", baseline::checksum),
                new Operation("copy, 1500 B", () -> baseline.copy().capacity()),
                new Operation("(a) receive in-order, 1 conn.", receiveOne::inOrderSegment),
                new Operation("(a) receive in-order, 10000 conn.", receiveMany::inOrderSegment),
                new Operation("(b) pure ACK", () -> {
                    ack.pureAck();
                    return 0;
                }),
                new Operation("(c) send 1460 B", send::writeSegment),
                new Operation("(d) out-of-order 1460 B", () -> {
                    outOfOrder.outOfOrderSegment();
                    return 0;
                }));
        for (int r = 0; r < WARM_UP_ROUNDS; r++) {
            for (Operation o : operations) {
                turn(o.op);
            }
        }
        double[][] nanos = new double[operations.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < operations.size(); i++) {
                nanos[i][r] = turn(operations.get(i).op);
            }
        }
        receiveOne.check();
        receiveMany.check();
        ack.check();
        send.check();
        outOfOrder.check();
        baseline.release();
        System.out.printf("Java %s, thread CPU time per operation, %d rounds of %,d per operation (%d)%n%n",
                System.getProperty("java.vm.version"), rounds, OPS_PER_TURN, sink & 1);
        System.out.println("| Operation | min ns | p25 ns | median ns | × checksum (median of rounds) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int i = 0; i < operations.size(); i++) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = nanos[i][r] / nanos[0][r];
            }
            double[] sorted = nanos[i].clone();
            Arrays.sort(sorted);
            Arrays.sort(ratios);
            System.out.printf("| %s | %.1f | %.1f | %.1f | %.2f× |%n", operations.get(i).name, sorted[0], sorted[rounds / 4],
                    sorted[rounds / 2], ratios[rounds / 2]);
        }
    }

    private static ReceivePathBenchmark receive(int connections) {
        ReceivePathBenchmark receive = new ReceivePathBenchmark();
        receive.connections = connections;
        receive.setUp();
        return receive;
    }

    /** One turn of {@code op}: its CPU time per operation. */
    private static double turn(IntSupplier op) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < OPS_PER_TURN; i++) {
            sink += op.getAsInt();
        }
        return (double) (THREADS.getCurrentThreadCpuTime() - start) / OPS_PER_TURN;
    }
}
