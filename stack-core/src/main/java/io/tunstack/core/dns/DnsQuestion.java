package io.tunstack.core.dns;

/** One entry of the question section (RFC 1035 §4.1.2). */
public record DnsQuestion(String name, int type, int dnsClass) {

    /** True when {@code other} asks the same (name compared case-insensitively, RFC 4343). */
    public boolean sameAs(DnsQuestion other) {
        return type == other.type && dnsClass == other.dnsClass && DnsName.same(name, other.name);
    }

    @Override
    public String toString() {
        return name + " " + DnsType.name(type) + (dnsClass == DnsType.CLASS_IN ? "" : " CLASS" + dnsClass);
    }
}
