package io.tunstack.bench.tcp;

import io.tunstack.bench.Rounds;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Compares two builds of tunstack on one segment operation. In each JVM both builds' benchmarks jars are loaded by
 * class loaders of their own, so each build's classes are compiled for themselves, and the two take turns round by
 * round (in alternating order), so the machine's fast and slow phases fall on both alike; the JVM's result is the
 * median per-round ratio B / A. Where code and buffers land still moves one JVM's ratio by several percent either
 * way (an A/A comparison shows it), so the run repeats in {@code forks} JVMs and reports every ratio and their
 * median, the figure to judge a change by.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tunstack.bench.tcp.AbRunner A.jar B.jar OPERATION [forks [rounds]]</pre>
 *
 * OPERATION is one of {@link CpuTimeRunner}'s ({@code copy floor a1 a10000 b c d}); 5 forks of 200 rounds by default.
 */
public final class AbRunner {
    private AbRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: AbRunner A.jar B.jar OPERATION [forks [rounds]]");
            System.exit(2);
        }
        int forks = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 200;
        if (forks == 0) {
            System.out.println(compare(Path.of(args[0]), Path.of(args[1]), args[2], rounds));
            return;
        }
        double[] ratios = new double[forks];
        for (int f = 0; f < forks; f++) {
            String line = Turns.inChildJvm(AbRunner.class, args[0], args[1], args[2], "0", String.valueOf(rounds));
            System.out.println(line);
            ratios[f] = Double.parseDouble(line.substring(line.lastIndexOf('=') + 1).trim());
        }
        System.out.printf("%s: B / A %.3f (median of %d JVMs, Java %s)%n", args[2], Rounds.sorted(ratios)[forks / 2],
                forks, System.getProperty("java.vm.version"));
    }

    /** One JVM's comparison: both builds in turns; the line ends with the median per-round ratio after '='. */
    private static String compare(Path jarA, Path jarB, String operation, int rounds) throws Exception {
        Map.Entry<IntSupplier, Runnable> a = load(jarA, operation);
        Map.Entry<IntSupplier, Runnable> b = load(jarB, operation);
        double[] nanosA = new double[rounds];
        double[] nanosB = new double[rounds];
        for (int r = 0; r < Turns.WARM_UP_ROUNDS; r++) {
            Turns.turn(a.getKey());
            Turns.turn(b.getKey());
        }
        for (int r = 0; r < rounds; r++) {
            if ((r & 1) == 0) {
                nanosA[r] = Turns.turn(a.getKey());
                nanosB[r] = Turns.turn(b.getKey());
            } else {
                nanosB[r] = Turns.turn(b.getKey());
                nanosA[r] = Turns.turn(a.getKey());
            }
        }
        a.getValue().run();
        b.getValue().run();
        return String.format("  A %.1f ns, B %.1f ns (medians of %d rounds), B / A = %.3f",
                Rounds.sorted(nanosA)[rounds / 2], Rounds.sorted(nanosB)[rounds / 2], rounds,
                Rounds.medianRatio(nanosB, nanosA));
    }

    @SuppressWarnings("unchecked")
    private static Map.Entry<IntSupplier, Runnable> load(Path jar, String operation) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        return (Map.Entry<IntSupplier, Runnable>) loader.loadClass(CpuTimeRunner.class.getName())
                .getMethod("prepared", String.class).invoke(null, operation);
    }
}
