package io.tunstack.core.stack;

import io.tunstack.core.wire.WireError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-stack packet counters. Only the event loop writes them (single writer, so a plain
 * read-increment-release store suffices); any thread may read them.
 */
public final class StackCounters {
    private static final int PACKETS_IN = 0;
    private static final int BYTES_IN = 1;
    private static final int PACKETS_OUT = 2;
    private static final int BYTES_OUT = 3;
    private static final int WIRE_BASE = 4;
    private static final int DROP_BASE = WIRE_BASE + WireError.values().length;

    private final AtomicLongArray values = new AtomicLongArray(DROP_BASE + DropReason.values().length);

    private void add(int index, long delta) {
        values.setRelease(index, values.getPlain(index) + delta);
    }

    void received(int bytes) {
        add(PACKETS_IN, 1);
        add(BYTES_IN, bytes);
    }

    void sent(int bytes) {
        add(PACKETS_OUT, 1);
        add(BYTES_OUT, bytes);
    }

    void drop(WireError error) {
        add(WIRE_BASE + error.ordinal(), 1);
    }

    void drop(DropReason reason) {
        add(DROP_BASE + reason.ordinal(), 1);
    }

    public long packetsIn() {
        return values.getAcquire(PACKETS_IN);
    }

    public long bytesIn() {
        return values.getAcquire(BYTES_IN);
    }

    public long packetsOut() {
        return values.getAcquire(PACKETS_OUT);
    }

    public long bytesOut() {
        return values.getAcquire(BYTES_OUT);
    }

    public long drops(WireError error) {
        return values.getAcquire(WIRE_BASE + error.ordinal());
    }

    public long drops(DropReason reason) {
        return values.getAcquire(DROP_BASE + reason.ordinal());
    }

    /** Every counter that is not zero, by label, in a stable order: for the CLI and for logs. */
    public Map<String, Long> snapshot() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("packets_in", packetsIn());
        map.put("bytes_in", bytesIn());
        map.put("packets_out", packetsOut());
        map.put("bytes_out", bytesOut());
        for (WireError error : WireError.values()) {
            putIfNonZero(map, "drop_" + error.label(), drops(error));
        }
        for (DropReason reason : DropReason.values()) {
            putIfNonZero(map, "drop_" + reason.label(), drops(reason));
        }
        return map;
    }

    private static void putIfNonZero(Map<String, Long> map, String key, long value) {
        if (value != 0) {
            map.put(key, value);
        }
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
