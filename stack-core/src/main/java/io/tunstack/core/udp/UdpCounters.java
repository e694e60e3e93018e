package io.tunstack.core.udp;

import io.tunstack.core.stack.CounterArray;
import io.tunstack.core.wire.WireError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** UDP counters: written only by the event loop (single writer), readable from any thread. */
public final class UdpCounters {
    private static final int DATAGRAMS_IN = 0;
    private static final int DATAGRAMS_OUT = 1;
    private static final int NO_PORT = 2;
    private static final int PORT_UNREACHABLE_SENT = 3;
    private static final int PORT_UNREACHABLE_SUPPRESSED = 4;
    private static final int APPLICATION_FAILURES = 5;
    private static final int ICMP_ERRORS = 6;
    private static final int WIRE_BASE = 7;

    private final CounterArray counters = new CounterArray(labels());

    private static String[] labels() {
        List<String> labels = new ArrayList<>(List.of("udp_in", "udp_out", "udp_no_port",
                "udp_port_unreachable_sent", "udp_port_unreachable_suppressed", "udp_application_failures", "udp_icmp_errors"));
        for (WireError error : WireError.values()) {
            labels.add("udp_drop_" + error.label());
        }
        return labels.toArray(String[]::new);
    }

    void countIn() {
        counters.add(DATAGRAMS_IN, 1);
    }

    void countOut() {
        counters.add(DATAGRAMS_OUT, 1);
    }

    void countNoPort() {
        counters.add(NO_PORT, 1);
    }

    void countPortUnreachableSent() {
        counters.add(PORT_UNREACHABLE_SENT, 1);
    }

    void countPortUnreachableSuppressed() {
        counters.add(PORT_UNREACHABLE_SUPPRESSED, 1);
    }

    void countApplicationFailure() {
        counters.add(APPLICATION_FAILURES, 1);
    }

    void countIcmpError() {
        counters.add(ICMP_ERRORS, 1);
    }

    void drop(WireError error) {
        counters.add(WIRE_BASE + error.ordinal(), 1);
    }

    /** Well-formed datagrams delivered to a bound socket. */
    public long datagramsIn() {
        return counters.get(DATAGRAMS_IN);
    }

    public long datagramsOut() {
        return counters.get(DATAGRAMS_OUT);
    }

    /** Well-formed datagrams for a port nobody had bound. */
    public long noPort() {
        return counters.get(NO_PORT);
    }

    public long portUnreachableSent() {
        return counters.get(PORT_UNREACHABLE_SENT);
    }

    /** Port unreachable messages not sent: rate limit, or a source that must not get ICMP errors. */
    public long portUnreachableSuppressed() {
        return counters.get(PORT_UNREACHABLE_SUPPRESSED);
    }

    /** Datagrams whose socket handler threw (the datagram is dropped, the socket stays bound). */
    public long applicationFailures() {
        return counters.get(APPLICATION_FAILURES);
    }

    /** ICMP errors about our datagrams handed to the socket that sent them. */
    public long icmpErrors() {
        return counters.get(ICMP_ERRORS);
    }

    /** Malformed datagrams dropped for {@code error}. */
    public long drops(WireError error) {
        return counters.get(WIRE_BASE + error.ordinal());
    }

    /** Every counter that is not zero, by label, in a stable order. */
    public Map<String, Long> snapshot() {
        return counters.snapshot(0);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
