package io.tunstack.core.stack;

import io.tunstack.core.wire.WireError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Per-stack packet counters: only the event loop writes them; any thread may read them. */
public final class StackCounters {
    private static final int PACKETS_IN = 0;
    private static final int BYTES_IN = 1;
    private static final int PACKETS_OUT = 2;
    private static final int BYTES_OUT = 3;
    private static final int ICMP_ERRORS = 4;
    private static final int CHECKSUM_VALIDATED = 5;
    private static final int WIRE_BASE = 6;
    private static final int DROP_BASE = WIRE_BASE + WireError.values().length;

    private final CounterArray counters = new CounterArray(labels());

    private static String[] labels() {
        List<String> labels = new ArrayList<>(List.of("packets_in", "bytes_in", "packets_out", "bytes_out",
                "icmp_errors_in", "checksum_validated_in"));
        for (WireError error : WireError.values()) {
            labels.add("drop_" + error.label());
        }
        for (DropReason reason : DropReason.values()) {
            labels.add("drop_" + reason.label());
        }
        return labels.toArray(String[]::new);
    }

    void received(int bytes) {
        counters.add(PACKETS_IN, 1);
        counters.add(BYTES_IN, bytes);
    }

    void sent(int bytes) {
        counters.add(PACKETS_OUT, 1);
        counters.add(BYTES_OUT, bytes);
    }

    void icmpError() {
        counters.add(ICMP_ERRORS, 1);
    }

    void linkValidated() {
        counters.add(CHECKSUM_VALIDATED, 1);
    }

    void drop(WireError error) {
        counters.add(WIRE_BASE + error.ordinal(), 1);
    }

    void drop(DropReason reason) {
        counters.add(DROP_BASE + reason.ordinal(), 1);
    }

    public long packetsIn() {
        return counters.get(PACKETS_IN);
    }

    public long bytesIn() {
        return counters.get(BYTES_IN);
    }

    public long packetsOut() {
        return counters.get(PACKETS_OUT);
    }

    public long bytesOut() {
        return counters.get(BYTES_OUT);
    }

    /** ICMP errors about our own datagrams, handed to the transport that sent them. */
    public long icmpErrors() {
        return counters.get(ICMP_ERRORS);
    }

    /** Packets whose transport checksum the link vouched for (receive checksum offload), not verified again. */
    public long checksumValidated() {
        return counters.get(CHECKSUM_VALIDATED);
    }

    public long drops(WireError error) {
        return counters.get(WIRE_BASE + error.ordinal());
    }

    public long drops(DropReason reason) {
        return counters.get(DROP_BASE + reason.ordinal());
    }

    /**
     * The packet, byte and ICMP error totals, then the offload and drop counters that are not zero, by label: for the
     * CLI and logs.
     */
    public Map<String, Long> snapshot() {
        return counters.snapshot(CHECKSUM_VALIDATED);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
