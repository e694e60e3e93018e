package io.tunstack.core.dns;

/** One resource record (RFC 1035 §4.1.3) of a type the codec decodes. */
public record DnsRecord(String name, int dnsClass, long ttl, DnsRData data) {

    /** RFC 2181 §8: TTLs are 0..2^31-1 seconds. */
    public DnsRecord {
        if (ttl < 0 || ttl > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TTL out of range 0..2^31-1: " + ttl);
        }
    }

    public int type() {
        return data.type();
    }

    @Override
    public String toString() {
        return name + " " + ttl + " " + DnsType.name(type()) + " " + data;
    }
}
