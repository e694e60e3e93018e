package io.tunstack.bench.tls;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The record benchmarks' ratios on a loaded machine. JMH runs contenders one after another, so load that
 * comes and goes lands on some of them only; here the contenders of one row (ours, the raw cipher, SunJSSE; or the
 * JDK's and Bouncy Castle's ChaCha20-Poly1305) take turns in 1 ms slices, after a 1.5 s warm-up each, and each
 * reports its fastest slice: the speed it has whenever it gets a core to itself. Same benchmark classes and
 * operations as the JMH runs; prints Markdown tables.
 *
 * <pre>java -cp benchmarks.jar io.tunstack.bench.tls.InterleavedRecordRun [slices per contender, default 1500] [record size, default 16384]</pre>
 */
public final class InterleavedRecordRun {
    private static final long WARMUP_NANOS = 1_500_000_000L;
    private static final long SLICE_NANOS = 1_000_000L;

    private static volatile int sink;

    private interface Op {
        int run() throws Exception;
    }

    private InterleavedRecordRun() {
    }

    public static void main(String[] args) throws Exception {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 16384;
        System.out.println("Java " + Runtime.version() + ", " + size + " B records, fastest of " + slices + " 1 ms slices");
        System.out.println();
        System.out.println("| Suite | Op | ours ns | Cipher ns | SSLEngine ns | ours/Cipher | ours/SSLEngine | SSLEngine/Cipher |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (RecordSuite suite : RecordSuite.values()) {
            for (boolean roundTrip : new boolean[] {false, true}) {
                double[] ns = fastest(slices, contenders(suite, size, roundTrip));
                System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,.0f | %.2f× | %.2f× | %.2f× |%n", suite, roundTrip ? "roundTrip" : "seal",
                        ns[0], ns[1], ns[2], ns[1] / ns[0], ns[2] / ns[0], ns[2] / ns[1]);
            }
        }
        ChaChaBenchmark chacha = new ChaChaBenchmark();
        chacha.size = size;
        chacha.setUp();
        double[] ns = fastest(slices, List.of(chacha::jdkSeal, chacha::bcSeal));
        System.out.println();
        System.out.println("| ChaCha20-Poly1305 seal | JDK ns | BC lightweight ns | BC/JDK |");
        System.out.println("|---|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| %d B | %,.0f | %,.0f | %.2f× |%n", size, ns[0], ns[1], ns[1] / ns[0]);
    }

    /** Our record layer, the raw cipher and a SunJSSE engine pair, each set up afresh (sequence numbers at 0). */
    private static List<Op> contenders(RecordSuite suite, int size, boolean roundTrip) throws Exception {
        RecordLayerBenchmark ours = new RecordLayerBenchmark();
        ours.suite = suite;
        ours.size = size;
        ours.setUp();
        CipherBenchmark cipher = new CipherBenchmark();
        cipher.suite = suite;
        cipher.size = size;
        cipher.setUp();
        SslEngineBenchmark engine = new SslEngineBenchmark();
        engine.suite = suite;
        engine.size = size;
        engine.jsse = Jsse.JDK;
        engine.setUp();
        return roundTrip ? List.of(ours::roundTrip, cipher::roundTrip, engine::roundTrip) : List.of(ours::seal, cipher::seal, engine::seal);
    }

    /** Each op's fastest slice, in ns per operation. */
    private static double[] fastest(int slices, List<Op> ops) throws Exception {
        for (Op op : ops) {
            run(op, WARMUP_NANOS);
        }
        double[] fastest = new double[ops.size()];
        Arrays.fill(fastest, Double.MAX_VALUE);
        for (int i = 0; i < slices; i++) {
            for (int c = 0; c < ops.size(); c++) {
                fastest[c] = Math.min(fastest[c], run(ops.get(c), SLICE_NANOS));
            }
        }
        return fastest;
    }

    /** Runs {@code op} for at least {@code nanos}; returns ns per operation. */
    private static double run(Op op, long nanos) throws Exception {
        int result = 0;
        long count = 0;
        long start = System.nanoTime();
        long now;
        do {
            result += op.run();
            count++;
        } while ((now = System.nanoTime()) - start < nanos);
        sink += result;
        return (now - start) / (double) count;
    }
}
