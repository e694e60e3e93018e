package io.tunstack.core.dns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the IPv4 addresses for a name in a NOERROR answer section, following CNAME records within the answer
 * (RFC 1034 §3.6.2: an alias has no other data, so its addresses are those of its canonical name; §5.3.3 step 3).
 */
final class AnswerChain {
    /** Longest chain followed; real ones are a few links (resolvers commonly stop around 8-16). */
    static final int MAX_CNAMES = 16;

    private AnswerChain() {
    }

    static DnsResult addresses(String name, DnsMessage response) {
        String current = name;
        Set<String> seen = new HashSet<>();
        while (seen.add(DnsName.canonical(current))) {
            List<Integer> addresses = new ArrayList<>();
            String alias = null;
            for (DnsRecord record : response.answers()) {
                if (record.dnsClass() != DnsType.CLASS_IN || !DnsName.same(record.name(), current)) {
                    continue;
                }
                if (record.data() instanceof DnsRData.A a) {
                    addresses.add(a.address());
                } else if (record.data() instanceof DnsRData.Cname cname && alias == null) {
                    alias = cname.target();
                }
            }
            if (!addresses.isEmpty()) {
                return DnsResult.success(name, current, addresses);
            }
            if (alias == null) {
                String via = seen.size() > 1 ? " (canonical name " + current + ")" : "";
                return DnsResult.failure(name, DnsError.NO_ADDRESS, "the answer has no A record" + via);
            }
            if (seen.size() > MAX_CNAMES) {
                return DnsResult.failure(name, DnsError.CNAME_CHAIN, "more than " + MAX_CNAMES + " CNAMEs");
            }
            current = alias;
        }
        return DnsResult.failure(name, DnsError.CNAME_CHAIN, "CNAME loop at " + current);
    }
}
