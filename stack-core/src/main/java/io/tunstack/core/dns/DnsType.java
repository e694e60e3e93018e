package io.tunstack.core.dns;

/** The resource record TYPE and CLASS values this codec understands (RFC 1035 §3.2.2, §3.2.4; RFC 3596 §2.1). */
public final class DnsType {
    /** A host address (IPv4), RFC 1035 §3.4.1. */
    public static final int A = 1;
    /** The canonical name for an alias, RFC 1035 §3.3.1. */
    public static final int CNAME = 5;
    /** An IPv6 address, RFC 3596 §2.1. */
    public static final int AAAA = 28;
    /** The Internet class. */
    public static final int CLASS_IN = 1;

    private DnsType() {
    }

    /** Mnemonic for traces and errors, e.g. {@code A} or {@code TYPE15}. */
    public static String name(int type) {
        return switch (type) {
            case A -> "A";
            case CNAME -> "CNAME";
            case AAAA -> "AAAA";
            default -> "TYPE" + type;
        };
    }
}
