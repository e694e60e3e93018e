package io.tunstack.core.tcp;

/** The connection states of RFC 9293 §3.3.2 (Figure 5). */
public enum TcpState {
    CLOSED,
    LISTEN,
    SYN_SENT,
    SYN_RECEIVED,
    ESTABLISHED,
    FIN_WAIT_1,
    FIN_WAIT_2,
    CLOSE_WAIT,
    CLOSING,
    LAST_ACK,
    TIME_WAIT;

    /** States after the SYN exchange, where the synchronized-state rules of RFC 9293 §3.10.7.4 apply. */
    public boolean isSynchronized() {
        return ordinal() >= SYN_RECEIVED.ordinal();
    }

    /** States in which received text is delivered to the user (RFC 9293 §3.10.7.4, seventh step). */
    public boolean acceptsText() {
        return this == ESTABLISHED || this == FIN_WAIT_1 || this == FIN_WAIT_2;
    }

    /** States in which the user may still queue data for sending (RFC 9293 §3.10.2 SEND). */
    public boolean acceptsSend() {
        return this == SYN_SENT || this == SYN_RECEIVED || this == ESTABLISHED || this == CLOSE_WAIT;
    }
}
