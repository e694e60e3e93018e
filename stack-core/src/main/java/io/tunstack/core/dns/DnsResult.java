package io.tunstack.core.dns;

import io.tunstack.core.wire.Ipv4Address;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of resolving {@link #name}: on success the IPv4 addresses (in answer order) and the canonical name
 * at the end of any CNAME chain; on failure the {@link DnsError} and a detail text (may be {@code null}).
 */
public record DnsResult(String name, String canonicalName, List<Integer> addresses, DnsError error, String detail) {

    public DnsResult {
        addresses = List.copyOf(addresses);
    }

    public static DnsResult success(String name, String canonicalName, List<Integer> addresses) {
        return new DnsResult(name, canonicalName, addresses, null, null);
    }

    public static DnsResult failure(String name, DnsError error, String detail) {
        return new DnsResult(name, null, List.of(), error, detail);
    }

    public boolean ok() {
        return error == null;
    }

    /** One line for people, e.g. {@code example.test: 198.18.0.1} or {@code nx.test: name not found (NXDOMAIN)}. */
    public String message() {
        if (ok()) {
            String via = DnsName.same(name, canonicalName) ? "" : " (via " + canonicalName + ")";
            return name + via + ": " + addresses.stream().map(Ipv4Address::format).collect(Collectors.joining(", "));
        }
        return name + ": " + error.description() + (detail == null ? "" : " (" + detail + ")");
    }

    @Override
    public String toString() {
        return message();
    }
}
