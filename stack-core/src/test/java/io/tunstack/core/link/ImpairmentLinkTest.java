package io.tunstack.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ImpairmentLinkTest {
    private static final long MS = 1_000_000;

    private final VirtualClock clock = new VirtualClock();

    /** Injects numbered 4-byte packets and collects what the stack side receives until the queue drains. */
    private List<Integer> run(Impairment inbound, long seed, int count) {
        MemoryLink memory = new MemoryLink(1500);
        ImpairmentLink link = new ImpairmentLink(memory, clock, seed, inbound, Impairment.NONE);
        List<ByteBuf> injected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteBuf packet = Unpooled.buffer(4).writeInt(i);
            injected.add(packet);
            memory.inject(packet);
        }
        List<Integer> received = new ArrayList<>();
        for (int step = 0; step < 10_000; step++) {
            ByteBuf packet;
            while ((packet = link.receive()) != null) {
                received.add(packet.getInt(0));
                packet.release();
            }
            long next = link.nextDeadline();
            if (next == Long.MAX_VALUE) {
                break;
            }
            clock.advanceTo(next);
        }
        link.close();
        for (ByteBuf packet : injected) {
            assertEquals(0, packet.refCnt(), "every packet released, dropped or delivered");
        }
        return received;
    }

    @Test
    void passesEverythingUnchangedWithoutImpairment() {
        List<Integer> received = run(Impairment.NONE, 1, 100);
        assertEquals(100, received.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, received.get(i));
        }
    }

    @Test
    void dropsAboutTheConfiguredShare() {
        List<Integer> received = run(Impairment.NONE.withLoss(0.1), 7, 10_000);
        int lost = 10_000 - received.size();
        assertTrue(lost > 850 && lost < 1150, "about 10% lost: " + lost);
    }

    @Test
    void delaysAndKeepsOrderUnderJitter() {
        long start = clock.nanoTime();
        MemoryLink memory = new MemoryLink(1500);
        ImpairmentLink link = new ImpairmentLink(memory, clock, 3, Impairment.NONE.withDelay(10 * MS, 5 * MS),
                Impairment.NONE);
        memory.inject(Unpooled.buffer(4).writeInt(1));
        assertNull(link.receive(), "held for the delay");
        long due = link.nextDeadline();
        assertTrue(due >= start + 10 * MS && due <= start + 15 * MS, "due within delay + jitter");
        clock.advanceTo(due);
        ByteBuf packet = link.receive();
        assertEquals(1, packet.getInt(0));
        packet.release();
        link.close();

        List<Integer> received = run(Impairment.NONE.withDelay(10 * MS, 8 * MS), 4, 500);
        for (int i = 0; i < 500; i++) {
            assertEquals(i, received.get(i), "jitter alone never reorders");
        }
    }

    @Test
    void reordersAndDuplicatesDeterministicallyFromTheSeed() {
        Impairment bad = Impairment.NONE.withDelay(5 * MS, 0).withReorder(0.25, 3 * MS).withDuplicate(0.05);
        List<Integer> first = run(bad, 42, 2000);
        List<Integer> again = run(bad, 42, 2000);
        List<Integer> other = run(bad, 43, 2000);
        assertEquals(first, again, "same seed, same packets in the same order");
        assertNotEquals(first, other);
        assertTrue(first.size() > 2000, "duplicates arrived: " + first.size());
        long overtaken = 0;
        int highest = -1;
        for (int value : first) {
            if (value < highest) {
                overtaken++;
            }
            highest = Math.max(highest, value);
        }
        assertTrue(overtaken > 400 && overtaken < 600, "about a quarter overtaken: " + overtaken);
    }

    @Test
    void corruptsOneBitOfTheChosenPackets() {
        List<Integer> received = run(Impairment.NONE.withCorrupt(0.05), 11, 4000);
        assertEquals(4000, received.size());
        long corrupted = 0;
        for (int i = 0; i < received.size(); i++) {
            int flipped = received.get(i) ^ i;
            if (flipped != 0) {
                corrupted++;
                assertEquals(1, Integer.bitCount(flipped), "exactly one bit flipped");
            }
        }
        assertTrue(corrupted > 150 && corrupted < 250, "about 5% corrupted: " + corrupted);
    }

    @Test
    void impairsTheSendDirectionSeparately() throws InterruptedException {
        MemoryLink memory = new MemoryLink(1500);
        ImpairmentLink link = new ImpairmentLink(memory, clock, 9, Impairment.NONE,
                Impairment.NONE.withDelay(20 * MS, 0));
        link.send(Unpooled.buffer(4).writeInt(5));
        assertNull(memory.takeSent(0, TimeUnit.MILLISECONDS), "held");
        clock.advance(20, TimeUnit.MILLISECONDS);
        assertNull(link.receive());
        ByteBuf sent = memory.takeSent(0, TimeUnit.MILLISECONDS);
        assertEquals(5, sent.getInt(0));
        sent.release();
        assertEquals(1, link.outboundStats().passed.get());
        link.close();
    }
}
