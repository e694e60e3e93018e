package io.tunstack.core.tcp;

/** A live view of one connection's counters and estimator state; read it on the event loop at any time. */
public final class TcpStats {
    private final TcpConnection connection;
    long bytesIn;
    long bytesOut;
    long segmentsIn;
    long segmentsOut;
    long timeoutRetransmissions;
    long fastRetransmissions;
    long dupAcks;
    long lossProbes;
    long undos;

    TcpStats(TcpConnection connection) {
        this.connection = connection;
    }

    /** Payload bytes accepted into the receive buffer in order. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Payload bytes sent, retransmissions included. */
    public long bytesOut() {
        return bytesOut;
    }

    public long segmentsIn() {
        return segmentsIn;
    }

    public long segmentsOut() {
        return segmentsOut;
    }

    /** Retransmissions because the retransmission timer expired (RFC 6298 §5). */
    public long timeoutRetransmissions() {
        return timeoutRetransmissions;
    }

    /** Fast retransmits and NewReno partial-ACK retransmits (RFC 5681 §3.2, RFC 6582). */
    public long fastRetransmissions() {
        return fastRetransmissions;
    }

    /** Duplicate ACKs as defined in RFC 5681 §2. */
    public long dupAcks() {
        return dupAcks;
    }

    /** Tail Loss Probes that sent the last segment again (RFC 8985 §7.3). */
    public long lossProbes() {
        return lossProbes;
    }

    /** Window reductions undone as spurious (RFC 3708, RFC 3522 detection; RFC 4015 response). */
    public long undos() {
        return undos;
    }

    public long srttNanos() {
        return connection.rtt().srtt();
    }

    public long rttvarNanos() {
        return connection.rtt().rttvar();
    }

    public long rtoNanos() {
        return connection.rtt().rto();
    }

    /** Congestion window in bytes (during Proportional Rate Reduction the one it set); 0 before the handshake completes. */
    public int cwnd() {
        return connection.cwnd();
    }

    public int ssthresh() {
        CongestionControl cc = connection.congestionControl();
        return cc == null ? Integer.MAX_VALUE : cc.ssthresh();
    }

    public TcpState state() {
        return connection.state();
    }

    @Override
    public String toString() {
        return "TcpStats{state=" + state() + ", bytesIn=" + bytesIn + ", bytesOut=" + bytesOut + ", segIn=" + segmentsIn
                + ", segOut=" + segmentsOut + ", rtoRexmit=" + timeoutRetransmissions + ", fastRexmit=" + fastRetransmissions
                + ", dupAcks=" + dupAcks + ", probes=" + lossProbes + ", undos=" + undos + ", srttUs=" + srttNanos() / 1000 + ", rttvarUs=" + rttvarNanos() / 1000
                + ", rtoMs=" + rtoNanos() / 1_000_000 + ", cwnd=" + cwnd() + ", ssthresh=" + ssthresh() + '}';
    }
}
