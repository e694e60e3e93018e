package io.tunstack.core.udp;

import io.tunstack.core.wire.WireError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** UDP counters: written only by the event loop (single writer), readable from any thread. */
public final class UdpCounters {
    private static final int DATAGRAMS_IN = 0;
    private static final int DATAGRAMS_OUT = 1;
    private static final int NO_PORT = 2;
    private static final int PORT_UNREACHABLE_SENT = 3;
    private static final int PORT_UNREACHABLE_SUPPRESSED = 4;
    private static final int WIRE_BASE = 5;

    private final AtomicLongArray values = new AtomicLongArray(WIRE_BASE + WireError.values().length);

    private void increment(int index) {
        values.setRelease(index, values.getPlain(index) + 1);
    }

    void countIn() {
        increment(DATAGRAMS_IN);
    }

    void countOut() {
        increment(DATAGRAMS_OUT);
    }

    void countNoPort() {
        increment(NO_PORT);
    }

    void countPortUnreachableSent() {
        increment(PORT_UNREACHABLE_SENT);
    }

    void countPortUnreachableSuppressed() {
        increment(PORT_UNREACHABLE_SUPPRESSED);
    }

    void drop(WireError error) {
        increment(WIRE_BASE + error.ordinal());
    }

    /** Well-formed datagrams delivered to a bound socket. */
    public long datagramsIn() {
        return values.getAcquire(DATAGRAMS_IN);
    }

    public long datagramsOut() {
        return values.getAcquire(DATAGRAMS_OUT);
    }

    /** Well-formed datagrams for a port nobody had bound. */
    public long noPort() {
        return values.getAcquire(NO_PORT);
    }

    public long portUnreachableSent() {
        return values.getAcquire(PORT_UNREACHABLE_SENT);
    }

    /** Port unreachable messages not sent: rate limit, or a source that must not get ICMP errors. */
    public long portUnreachableSuppressed() {
        return values.getAcquire(PORT_UNREACHABLE_SUPPRESSED);
    }

    /** Malformed datagrams dropped for {@code error}. */
    public long drops(WireError error) {
        return values.getAcquire(WIRE_BASE + error.ordinal());
    }

    /** Every counter that is not zero, by label, in a stable order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> map = new LinkedHashMap<>();
        putIfNonZero(map, "udp_in", datagramsIn());
        putIfNonZero(map, "udp_out", datagramsOut());
        putIfNonZero(map, "udp_no_port", noPort());
        putIfNonZero(map, "udp_port_unreachable_sent", portUnreachableSent());
        putIfNonZero(map, "udp_port_unreachable_suppressed", portUnreachableSuppressed());
        for (WireError error : WireError.values()) {
            putIfNonZero(map, "udp_drop_" + error.label(), drops(error));
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
