package io.tunstack.core.tcp;

import io.tunstack.core.wire.WireError;

/** Layer-wide counters; read them at any time on the event loop. */
public final class TcpCounters {
    private static final WireError[] WIRE_ERRORS = WireError.values();
    private static final TcpDropReason[] DROP_REASONS = TcpDropReason.values();

    long segmentsIn;
    long segmentsOut;
    long resetsSent;
    long retransmissions;
    long challengeAcks;
    long applicationFailures;
    long predictedText;
    long predictedAcks;
    private final long[] wireDrops = new long[WIRE_ERRORS.length];
    private final long[] reasonDrops = new long[DROP_REASONS.length];

    void drop(WireError error) {
        wireDrops[error.ordinal()]++;
    }

    void drop(TcpDropReason reason) {
        reasonDrops[reason.ordinal()]++;
    }

    public long segmentsIn() {
        return segmentsIn;
    }

    public long segmentsOut() {
        return segmentsOut;
    }

    public long resetsSent() {
        return resetsSent;
    }

    /** Segments sent again: timeouts, fast retransmits, partial-ACK retransmits. */
    public long retransmissions() {
        return retransmissions;
    }

    public long challengeAcks() {
        return challengeAcks;
    }

    /** Application callbacks that threw; each reset its connection (see {@code TcpConnection.applicationFailure}). */
    public long applicationFailures() {
        return applicationFailures;
    }

    /** Segments of in-order text that header prediction took past the general arrival rules (Linux's TCPHPHits). */
    public long predictedText() {
        return predictedText;
    }

    /** ACKs of new data, without text, that header prediction took past them (Linux's TCPHPAcks). */
    public long predictedAcks() {
        return predictedAcks;
    }

    public long dropped(WireError error) {
        return wireDrops[error.ordinal()];
    }

    public long dropped(TcpDropReason reason) {
        return reasonDrops[reason.ordinal()];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TcpCounters{in=").append(segmentsIn).append(", out=").append(segmentsOut)
                .append(", rst=").append(resetsSent).append(", rexmit=").append(retransmissions)
                .append(", challengeAcks=").append(challengeAcks)
                .append(", applicationFailures=").append(applicationFailures)
                .append(", predictedText=").append(predictedText).append(", predictedAcks=").append(predictedAcks);
        for (WireError e : WIRE_ERRORS) {
            if (wireDrops[e.ordinal()] != 0) {
                sb.append(", ").append(e.label()).append('=').append(wireDrops[e.ordinal()]);
            }
        }
        for (TcpDropReason r : DROP_REASONS) {
            if (reasonDrops[r.ordinal()] != 0) {
                sb.append(", ").append(r.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(reasonDrops[r.ordinal()]);
            }
        }
        return sb.append('}').toString();
    }
}
