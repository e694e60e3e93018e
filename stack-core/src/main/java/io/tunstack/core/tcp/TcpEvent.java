package io.tunstack.core.tcp;

/** One entry of a connection trace; every event carries the time and the connection's id. */
public sealed interface TcpEvent {
    long nowNanos();

    long connectionId();

    /** A transition of RFC 9293 Figure 5. */
    record StateChange(long nowNanos, long connectionId, TcpState from, TcpState to) implements TcpEvent {
    }

    /** Why a segment was sent again. */
    enum RetransmitKind { TIMEOUT, FAST, PARTIAL_ACK, PROBE }

    /** A retransmission (or zero-window probe) of {@code length} sequence numbers starting at {@code seq}. */
    record Retransmission(long nowNanos, long connectionId, RetransmitKind kind, int seq, int length)
            implements TcpEvent {
    }

    /** The peer's advertised window (SND.WND, scaled) changed. */
    record WindowChange(long nowNanos, long connectionId, long sndWnd) implements TcpEvent {
    }

    /** cwnd or ssthresh changed. */
    record CongestionChange(long nowNanos, long connectionId, int cwnd, int ssthresh) implements TcpEvent {
    }

    /** A round-trip measurement and the estimator state after it (RFC 6298). */
    record RttSample(long nowNanos, long connectionId, long rttNanos, long srttNanos, long rttvarNanos, long rtoNanos)
            implements TcpEvent {
    }
}
