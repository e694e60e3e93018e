package io.tunstack.bench.tls;

import io.tunstack.bench.Rounds;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link HandshakeBenchmark}'s handshakes outside JMH, measured in the <em>thread CPU time</em> per handshake, the
 * implementations taking turns in short batches: on this shared 2-core machine JMH's wall-clock throughput of one
 * implementation after the other swings with whatever else runs, while CPU time and interleaving keep the ratios
 * within a few percent. Every handshake runs on this one thread (client and server, JSSE delegated tasks included),
 * so CPU time covers all of its work except the garbage collector's.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tunstack.bench.tls.HandshakeCpuRun [rounds] [KIND...]</pre>
 *
 * Defaults: 60 rounds of 10 handshakes per implementation, kinds {@code TLS13_ECDSA TLS13_RSA}. Prints, per kind,
 * the minimum and median CPU time per handshake and the median per-round ratio of handshakes per CPU second, as
 * Markdown.
 */
public final class HandshakeCpuRun {
    private static final int BATCH = 10;
    private static final int WARM_UP_HANDSHAKES = 400;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private HandshakeCpuRun() {
    }

    public static void main(String[] args) throws Exception {
        // As HandshakeBenchmark's fork: both JSSE providers offer X25519 first, like our client.
        System.setProperty("jdk.tls.namedGroups", "x25519,secp256r1");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        List<HandshakeBenchmark.Kind> kinds = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            kinds.add(HandshakeBenchmark.Kind.valueOf(args[i]));
        }
        if (kinds.isEmpty()) {
            kinds = List.of(HandshakeBenchmark.Kind.TLS13_ECDSA, HandshakeBenchmark.Kind.TLS13_RSA);
        }
        System.out.printf("Java %s, thread CPU time per handshake (client + server), %d rounds of %d per implementation%n%n",
                System.getProperty("java.vm.version"), rounds, BATCH);
        System.out.println("| Handshake | ours ms (min / median) | SunJSSE ms | BCJSSE ms | ours/SunJSSE | ours/BCJSSE |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (HandshakeBenchmark.Kind kind : kinds) {
            run(kind, rounds);
        }
    }

    private static void run(HandshakeBenchmark.Kind kind, int rounds) throws Exception {
        HandshakeBenchmark.Implementation[] implementations = HandshakeBenchmark.Implementation.values();
        HandshakeBenchmark[] benchmarks = new HandshakeBenchmark[implementations.length];
        double[][] millis = new double[implementations.length][rounds];
        for (int i = 0; i < implementations.length; i++) {
            benchmarks[i] = new HandshakeBenchmark();
            benchmarks[i].kind = kind;
            benchmarks[i].client = implementations[i];
            try {
                benchmarks[i].setUp();
            } catch (UnsupportedOperationException e) {
                benchmarks[i] = null; // BCJSSE cannot resume TLS 1.3: no row, as in the JMH run
                continue;
            }
            for (int n = 0; n < WARM_UP_HANDSHAKES; n++) {
                benchmarks[i].handshake();
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < implementations.length; i++) {
                if (benchmarks[i] == null) {
                    continue;
                }
                long start = THREADS.getCurrentThreadCpuTime();
                for (int n = 0; n < BATCH; n++) {
                    benchmarks[i].handshake();
                }
                millis[i][r] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / BATCH;
            }
        }
        String[] cells = new String[implementations.length];
        String[] ratios = {"–", "–"};
        for (int i = 0; i < implementations.length; i++) {
            if (benchmarks[i] == null) {
                cells[i] = "–";
                continue;
            }
            if (i > 0) {
                // Handshakes per CPU second, ours over theirs: their time over ours.
                ratios[i - 1] = String.format("%.2f×", Rounds.medianRatio(millis[i], millis[0]));
            }
            double[] sorted = Rounds.sorted(millis[i]);
            cells[i] = String.format("%.3f / %.3f", sorted[0], sorted[rounds / 2]);
        }
        System.out.printf("| %s | %s | %s | %s | %s | %s |%n", kind, cells[0], cells[1], cells[2], ratios[0], ratios[1]);
    }
}
