package io.tunstack.core.tcp;

/** Why a well-formed segment was discarded by the TCP layer (wire errors are counted by WireError). */
public enum TcpDropReason {
    /** The sequence acceptability test of RFC 9293 §3.10.7.4 failed (an ACK was sent unless RST). */
    OUT_OF_WINDOW,
    /** PAWS rejected an old timestamp (RFC 7323 §5.3). */
    PAWS,
    /** Timestamps were negotiated but the segment had none (RFC 7323 §3.2). */
    MISSING_TIMESTAMP,
    /** SEG.ACK outside SND.UNA − MAX.SND.WND .. SND.NXT (RFC 5961 §5.2), or not acceptable in SYN-SENT. */
    BAD_ACK,
    /** A RST that did not match (out of window, or in SYN-SENT without an acceptable ACK). */
    RST_IGNORED,
    /** A segment without ACK in a synchronized state, or without SYN/RST in SYN-SENT, LISTEN or CLOSED. */
    NO_ACK,
    /** A SYN to a listener whose backlog of half-open connections is full. */
    BACKLOG_FULL,
    /** Out-of-order data that would need more reassembly ranges than configured. */
    REASSEMBLY_FULL,
    /** A challenge ACK was due but the RFC 5961 §7 rate limit suppressed it. */
    CHALLENGE_ACK_LIMITED,
    /** An ICMP error for no connection, or quoting a sequence number outside SND.UNA..SND.MAX (RFC 5927 §4.1). */
    ICMP_STALE
}
