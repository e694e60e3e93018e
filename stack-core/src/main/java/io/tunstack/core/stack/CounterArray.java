package io.tunstack.core.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Named counters with one writer (the event loop) and any number of readers: the writer adds with a plain
 * read and a release store, readers see whole values. Layers keep their counters in one of these and give
 * them names for {@link #snapshot}.
 */
public final class CounterArray {
    private final AtomicLongArray values;
    private final String[] labels;

    /** One counter per label, in this order; a counter's index is its label's position. */
    public CounterArray(String... labels) {
        this.values = new AtomicLongArray(labels.length);
        this.labels = labels.clone();
    }

    /** Adds {@code delta} to counter {@code index}; call only from the writer thread. */
    public void add(int index, long delta) {
        values.setRelease(index, values.getPlain(index) + delta);
    }

    public long get(int index) {
        return values.getAcquire(index);
    }

    /**
     * Every counter by label, in label order; those at zero are left out except the first {@code alwaysShown}.
     */
    public Map<String, Long> snapshot(int alwaysShown) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            long value = get(i);
            if (i < alwaysShown || value != 0) {
                map.put(labels[i], value);
            }
        }
        return map;
    }
}
