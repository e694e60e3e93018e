package io.tunstack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** EventFd and Poller on real kernel descriptors; no privileges needed. */
@Timeout(30)
class EventFdPollerTest {
    private static final long MILLIS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void pollTimesOutWhenNothingIsSignalled() throws Exception {
        try (EventFd event = EventFd.open()) {
            Poller poller = new Poller();
            poller.add(event.fd());
            long start = System.nanoTime();
            assertEquals(0, poller.poll(50 * MILLIS));
            assertTrue(System.nanoTime() - start >= 45 * MILLIS, "waited about the timeout");
            assertFalse(poller.isReadable(event.fd()));
        }
    }

    @Test
    void signalFromAnotherThreadWakesAnUnboundedPoll() throws Exception {
        try (EventFd event = EventFd.open()) {
            Poller poller = new Poller();
            poller.add(event.fd());
            Thread signaller = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    event.signal();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            signaller.start();
            assertEquals(1, poller.poll(-1));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
            assertTrue(poller.isReadable(event.fd()));
            signaller.join();
        }
    }

    @Test
    void drainResetsTheCounterAfterManySignals() throws Exception {
        try (EventFd event = EventFd.open()) {
            Poller poller = new Poller();
            poller.add(event.fd());
            assertFalse(event.drain(), "nothing signalled yet");
            event.signal();
            event.signal();
            assertEquals(1, poller.poll(Long.MAX_VALUE), "a far deadline still returns at once when ready");
            assertTrue(event.drain());
            assertFalse(event.drain());
            assertEquals(0, poller.poll(0));
        }
    }

    @Test
    void reportsOnlyTheReadableDescriptors() throws Exception {
        try (EventFd quiet = EventFd.open(); EventFd loud = EventFd.open()) {
            Poller poller = new Poller();
            poller.add(quiet.fd());
            poller.add(loud.fd());
            loud.signal();
            assertEquals(1, poller.poll(TimeUnit.SECONDS.toNanos(5)));
            assertTrue(poller.isReadable(loud.fd()));
            assertFalse(poller.isReadable(quiet.fd()));
            poller.remove(loud.fd());
            assertEquals(0, poller.poll(0));
        }
    }

    @Test
    void closedDescriptorIsReportedNotIgnored() throws Exception {
        EventFd event = EventFd.open();
        Poller poller = new Poller();
        poller.add(event.fd());
        int fd = event.fd();
        event.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> poller.poll(0));
        assertTrue(e.getMessage().contains("fd " + fd), e.getMessage());
    }

    @Test
    void misuseGivesClearErrors() throws Exception {
        Poller poller = new Poller();
        assertThrows(IllegalArgumentException.class, () -> poller.add(-1));
        assertThrows(IllegalArgumentException.class, () -> poller.remove(3));
        assertThrows(IllegalArgumentException.class, () -> poller.isReadable(3));
        EventFd event = EventFd.open();
        poller.add(event.fd());
        assertThrows(IllegalArgumentException.class, () -> poller.add(event.fd()));
        event.close();
        event.close();
        assertEquals(-1, event.fd());
        assertThrows(IllegalStateException.class, event::signal);
    }
}
