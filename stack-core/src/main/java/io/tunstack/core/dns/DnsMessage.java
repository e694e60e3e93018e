package io.tunstack.core.dns;

import java.util.List;

/**
 * A DNS message (RFC 1035 §4.1): the header's ID and flags word, and the four sections. Records of types the
 * codec does not decode are not included.
 */
public record DnsMessage(int id, int flags, List<DnsQuestion> questions, List<DnsRecord> answers,
        List<DnsRecord> authorities, List<DnsRecord> additionals) {

    /** QR: the message is a response. */
    public static final int FLAG_QR = 0x8000;
    /** AA: authoritative answer. */
    public static final int FLAG_AA = 0x0400;
    /** TC: the message was truncated to fit the transport. */
    public static final int FLAG_TC = 0x0200;
    /** RD: recursion desired. */
    public static final int FLAG_RD = 0x0100;
    /** RA: recursion available. */
    public static final int FLAG_RA = 0x0080;

    public DnsMessage {
        if (id < 0 || id > 0xFFFF || flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("ID and flags are 16-bit: " + id + ", " + flags);
        }
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    /** A standard query (opcode 0) with recursion desired for {@code name}, class IN. */
    public static DnsMessage query(int id, String name, int type) {
        return new DnsMessage(id, FLAG_RD, List.of(new DnsQuestion(name, type, DnsType.CLASS_IN)),
                List.of(), List.of(), List.of());
    }

    public boolean isResponse() {
        return (flags & FLAG_QR) != 0;
    }

    /** OPCODE: 0 is a standard query. */
    public int opcode() {
        return (flags >>> 11) & 0xF;
    }

    public boolean isTruncated() {
        return (flags & FLAG_TC) != 0;
    }

    /** RCODE, the response code. */
    public int rcode() {
        return flags & 0xF;
    }
}
