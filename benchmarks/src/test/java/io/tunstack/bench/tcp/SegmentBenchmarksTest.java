package io.tunstack.bench.tcp;

import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each segment benchmark's operation, a few thousand times through the state JMH and the CPU-time harnesses use,
 * then its teardown check, which throws when the benchmark fell onto a drop, retransmission or recovery path or
 * lost bytes: it would measure something else than it claims.
 */
class SegmentBenchmarksTest {

    @ParameterizedTest
    @ValueSource(strings = {"copy", "floor", "a1", "a10000", "b", "c", "d"})
    void operationRunsAndPassesItsCheck(String operation) {
        Map.Entry<IntSupplier, Runnable> prepared = CpuTimeRunner.prepared(operation);
        for (int i = 0; i < 5_000; i++) {
            prepared.getKey().getAsInt();
        }
        prepared.getValue().run();
    }
}
