package io.tunstack.bench.tcp;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What the segment CPU-time harnesses ({@link CpuTimeRunner}, {@link AbRunner}) share: a turn of an operation
 * measured in thread CPU time, and running themselves again in a child JVM of the same Java with the same flags.
 */
final class Turns {
    static final int OPS_PER_TURN = 20_000;
    static final int WARM_UP_ROUNDS = 30;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** The operations' results, stored so that none can be optimised away. */
    private static long sink;

    private Turns() {
    }

    /** One turn of {@code op}: its CPU time per operation, in nanoseconds. */
    static double turn(IntSupplier op) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < OPS_PER_TURN; i++) {
            sink += op.getAsInt();
        }
        return (double) (THREADS.getCurrentThreadCpuTime() - start) / OPS_PER_TURN;
    }

    /** Runs {@code main} with {@code args} in a child JVM like this one; returns what it printed, trimmed. */
    static String inChildJvm(Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (child.waitFor() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }
}
