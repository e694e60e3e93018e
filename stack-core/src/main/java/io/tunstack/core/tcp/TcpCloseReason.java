package io.tunstack.core.tcp;

/** Why a connection ended, as reported to {@link TcpHandler#onClosed}. */
public enum TcpCloseReason {
    /** Both FINs exchanged and acknowledged. */
    NORMAL,
    /** The peer reset an established connection. */
    RESET,
    /** The peer answered our SYN with a RST (RFC 9293 §3.10.7.3). */
    REFUSED,
    /** Retransmissions, the connect timeout, FIN-WAIT-2 timeout or keepalive gave up. */
    TIMEOUT,
    /** The local user aborted (RST sent). */
    ABORTED
}
