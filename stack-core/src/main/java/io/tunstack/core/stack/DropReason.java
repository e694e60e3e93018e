package io.tunstack.core.stack;

/** Why the IPv4 layer dropped a well-formed packet (malformed ones are counted by {@code WireError}). */
public enum DropReason {
    /** Destination is not the stack's address. */
    NOT_FOR_US,
    /** No transport registered for the IP protocol number. */
    UNKNOWN_PROTOCOL,
    /** ICMP message the stack does not act on. */
    ICMP_IGNORED,
    /** ICMP error whose quoted datagram is malformed or was not sent by this host (RFC 5927 §4). */
    ICMP_BAD_QUOTE,
    /** Outgoing packet larger than the link MTU. */
    OVER_MTU;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    public String label() {
        return label;
    }
}
