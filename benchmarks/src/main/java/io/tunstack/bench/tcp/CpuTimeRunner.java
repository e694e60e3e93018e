package io.tunstack.bench.tcp;

import io.tunstack.bench.Rounds;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Runs the segment benchmarks' operations directly and reports the <em>thread CPU time</em> per operation instead of
 * JMH's wall-clock time. On this shared 2-core machine wall-clock averages mostly measure time spent descheduled,
 * which CPU time does not count; what remains (another process's cache pollution, a sibling hyperthread's load)
 * changes from phase to phase, so each operation takes turns with the checksum baseline, {@value #OPS_PER_TURN}
 * operations each, and the ratio is taken round by round. Each operation runs in a JVM of its own, as JMH forks one
 * per benchmark: the operations share the stack's code, and in one JVM each would run code the JIT compiled for the
 * others' branch profiles. Reports per operation the minimum, 25th percentile and median CPU time and the median
 * per-round ratio to the checksum. Same state classes, operations and teardown checks as the JMH benchmarks; JMH
 * stays the reference on a quiet machine.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tunstack.bench.tcp.CpuTimeRunner [rounds [OPERATION]]</pre>
 *
 * Without an operation it runs each of {@code copy floor a1 a10000 b c d} in a child JVM and prints the table
 * ({@code floor} is {@link SegmentBaselineBenchmark#receiveDataMovement}).
 */
public final class CpuTimeRunner {
    private static final List<String> OPERATIONS = List.of("copy", "floor", "a1", "a10000", "b", "c", "d");

    private CpuTimeRunner() {
    }

    /** An operation under test, its teardown check, and its name in the table. */
    private record Operation(String name, IntSupplier op, Runnable check) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        if (args.length > 1) {
            System.out.println(measure(args[1], rounds));
            return;
        }
        System.out.printf("Java %s, thread CPU time per operation, %d rounds of %,d, each operation in its own JVM%n%n",
                System.getProperty("java.vm.version"), rounds, Turns.OPS_PER_TURN);
        System.out.println("| Operation | min ns | p25 ns | median ns | checksum median ns | × checksum (median of rounds) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String operation : OPERATIONS) {
            System.out.println(Turns.inChildJvm(CpuTimeRunner.class, String.valueOf(rounds), operation));
        }
    }

    /**
     * The operation {@code key} set up and ready to run, with its teardown check: for {@link AbRunner}, which loads
     * two builds of this class side by side (the types are the JDK's, shared by both class loaders).
     */
    public static Map.Entry<IntSupplier, Runnable> prepared(String key) {
        SegmentBaselineBenchmark baseline = new SegmentBaselineBenchmark();
        baseline.setUp();
        Operation operation = operation(key, baseline);
        return Map.entry(operation.op, () -> {
            operation.check.run();
            baseline.release();
        });
    }

    /** Runs {@code key} in turns with the checksum; returns its table row. */
    private static String measure(String key, int rounds) {
        SegmentBaselineBenchmark baseline = new SegmentBaselineBenchmark();
        baseline.setUp();
        Operation operation = operation(key, baseline);
        double[] checksum = new double[rounds];
        double[] nanos = new double[rounds];
        for (int r = 0; r < Turns.WARM_UP_ROUNDS; r++) {
            Turns.turn(baseline::checksum);
            Turns.turn(operation.op);
        }
        for (int r = 0; r < rounds; r++) {
            checksum[r] = Turns.turn(baseline::checksum);
            nanos[r] = Turns.turn(operation.op);
        }
        operation.check.run();
        baseline.release();
        double[] sorted = Rounds.sorted(nanos);
        return String.format("| %s | %.1f | %.1f | %.1f | %.1f | %.2f× |", operation.name, sorted[0], sorted[rounds / 4],
                sorted[rounds / 2], Rounds.sorted(checksum)[rounds / 2], Rounds.medianRatio(nanos, checksum));
    }

    private static Operation operation(String key, SegmentBaselineBenchmark baseline) {
        switch (key) {
            case "copy":
                return new Operation("copy, 1500 B", () -> baseline.copy().capacity(), () -> { });
            case "floor":
                return new Operation("(a)'s data movement alone", baseline::receiveDataMovement, () -> { });
            case "a1":
            case "a10000": {
                ReceivePathBenchmark receive = new ReceivePathBenchmark();
                receive.connections = Integer.parseInt(key.substring(1));
                receive.setUp();
                return new Operation("(a) receive in-order, " + receive.connections + " conn.", receive::inOrderSegment, receive::check);
            }
            case "b": {
                AckPathBenchmark ack = new AckPathBenchmark();
                ack.setUp();
                return new Operation("(b) pure ACK", () -> {
                    ack.pureAck();
                    return 0;
                }, ack::check);
            }
            case "c": {
                SendPathBenchmark send = new SendPathBenchmark();
                send.setUp();
                return new Operation("(c) send 1460 B", send::writeSegment, send::check);
            }
            case "d": {
                OutOfOrderBenchmark outOfOrder = new OutOfOrderBenchmark();
                outOfOrder.setUp();
                return new Operation("(d) out-of-order 1460 B", () -> {
                    outOfOrder.outOfOrderSegment();
                    return 0;
                }, outOfOrder::check);
            }
            default:
                throw new IllegalArgumentException("unknown operation " + key + ", known: " + OPERATIONS);
        }
    }
}
