package io.tunstack.core.dns;

/** Why a resolution failed. */
public enum DnsError {
    /** RCODE 3, NXDOMAIN (RFC 1035 §4.1.1). */
    NAME_NOT_FOUND("name not found"),
    /** RCODE 2, SERVFAIL. */
    SERVER_FAILURE("server failure"),
    /** RCODE 5, REFUSED. */
    REFUSED("query refused"),
    /** RCODE 1, FORMERR: the server could not interpret our query. */
    FORMAT_ERROR("server could not interpret the query"),
    /** RCODE 4, NOTIMP. */
    NOT_IMPLEMENTED("query not implemented by the server"),
    /** Any other non-zero RCODE. */
    OTHER_RCODE("server error"),
    /** NOERROR, but the answer holds no IPv4 address for the name (RFC 2308 §2.2 NODATA). */
    NO_ADDRESS("no IPv4 address for the name"),
    /** The CNAME chain in the answer loops or is longer than the resolver follows. */
    CNAME_CHAIN("CNAME chain loops or is too long"),
    /** TC set: the answer did not fit in UDP, and asking again over TCP (RFC 7766) did not give one either. */
    TRUNCATED("answer truncated over UDP (TC bit), and no answer over TCP"),
    /** An ICMP Destination Unreachable about our query: nothing listens there, or the server cannot be reached. */
    UNREACHABLE("server unreachable"),
    /** No acceptable answer arrived within the retries. */
    TIMEOUT("no answer from the server"),
    /** The name cannot be sent in a query. */
    INVALID_NAME("invalid name"),
    /** The query could not be sent (e.g. no free local port). */
    LOCAL_FAILURE("query could not be sent");

    private final String description;

    DnsError(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The error for a non-zero RCODE (RFC 1035 §4.1.1). */
    public static DnsError ofRcode(int rcode) {
        return switch (rcode) {
            case 1 -> FORMAT_ERROR;
            case 2 -> SERVER_FAILURE;
            case 3 -> NAME_NOT_FOUND;
            case 4 -> NOT_IMPLEMENTED;
            case 5 -> REFUSED;
            default -> OTHER_RCODE;
        };
    }
}
