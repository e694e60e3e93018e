package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerQueueTest {
    private static final class Entry extends TimerEntry {
    }

    @Test
    void popsInDeadlineOrderUnderUpdatesAndRemovals() {
        Random random = new Random(5);
        TimerQueue<Entry> q = new TimerQueue<>();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Entry e = new Entry();
            entries.add(e);
            q.schedule(e, random.nextInt(1_000_000));
        }
        for (int i = 0; i < 2000; i++) {
            Entry e = entries.get(random.nextInt(entries.size()));
            if (random.nextInt(5) == 0) {
                q.remove(e);
                e.deadline = Long.MAX_VALUE;
            } else {
                q.schedule(e, random.nextInt(1_000_000));
            }
        }
        long expectedSize = entries.stream().filter(e -> e.deadline != Long.MAX_VALUE).count();
        assertEquals(expectedSize, q.size());
        long last = -1;
        while (q.size() > 0) {
            Entry e = q.peek();
            assertEquals(e.deadline, q.earliestDeadline());
            assertEquals(true, e.deadline >= last);
            last = e.deadline;
            q.schedule(e, Long.MAX_VALUE);
        }
        assertEquals(Long.MAX_VALUE, q.earliestDeadline());
    }

    @Test
    void rescheduleMovesAnEntry() {
        TimerQueue<Entry> q = new TimerQueue<>();
        Entry a = new Entry();
        Entry b = new Entry();
        q.schedule(a, 10);
        q.schedule(b, 20);
        q.schedule(a, 30);
        assertSame(b, q.peek());
        q.schedule(a, 5);
        assertSame(a, q.peek());
    }
}
