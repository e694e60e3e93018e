package io.tunstack.core.dns;

import io.tunstack.core.wire.Ipv4Address;
import java.net.Inet6Address;

/** The RDATA of the record types the codec decodes; other types are skipped by RDLENGTH. */
public sealed interface DnsRData {

    /** The TYPE of records carrying this data. */
    int type();

    /** An IPv4 address, RFC 1035 §3.4.1 (as an {@code int}, see {@link Ipv4Address}). */
    record A(int address) implements DnsRData {
        @Override
        public int type() {
            return DnsType.A;
        }

        @Override
        public String toString() {
            return Ipv4Address.format(address);
        }
    }

    /** An IPv6 address, RFC 3596 §2.2. */
    record Aaaa(Inet6Address address) implements DnsRData {
        @Override
        public int type() {
            return DnsType.AAAA;
        }

        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }

    /** The canonical name of an alias, RFC 1035 §3.3.1. */
    record Cname(String target) implements DnsRData {
        @Override
        public int type() {
            return DnsType.CNAME;
        }

        @Override
        public String toString() {
            return target;
        }
    }
}
