package io.tunstack.core.wire;

/**
 * Why a packet was rejected by a wire parser. Parsers return {@code null} when the packet is well formed.
 * The stack counts drops by these values; {@link #label()} is the short name used in counters and traces.
 */
public enum WireError {
    /** Fewer bytes than the fixed header, or than a length field claims. */
    TRUNCATED,
    /** IPv4 version field is not 4. */
    BAD_VERSION,
    /** IPv4 Internet Header Length below 5 words. */
    BAD_IHL,
    /** IPv4 Total Length smaller than the header or larger than the received bytes. */
    BAD_TOTAL_LENGTH,
    /** Checksum verification failed. */
    BAD_CHECKSUM,
    /** IPv4 fragment (MF set or non-zero offset); the stack does not reassemble. */
    FRAGMENT,
    /** TCP Data Offset below 5 words or beyond the segment. */
    BAD_DATA_OFFSET,
    /** TCP option length below 2, overrunning the header, or wrong for a known kind. */
    BAD_OPTION_LENGTH,
    /** TCP segment with both SYN and FIN. */
    SYN_FIN,
    /** TCP segment with both SYN and RST. */
    SYN_RST,
    /** UDP Length field below 8 or larger than the datagram. */
    BAD_LENGTH;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** Short snake-case label, e.g. {@code bad_checksum}. */
    public String label() {
        return label;
    }
}
