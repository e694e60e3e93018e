package io.tunstack.cli;

import io.tunstack.core.socket.Host;
import io.tunstack.core.wire.Ipv4Address;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a host name into an IPv4 address the way curl does: an IP literal as is, a {@code --resolve}
 * override if one matches host and port, else a DNS query through tunstack's own UDP.
 */
final class NameResolver {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Host host;
    private final int dnsServer;
    private final Duration timeout;
    private final Map<String, Integer> overrides;

    /** {@code overrides} maps "host:port" to an address. */
    NameResolver(Host host, int dnsServer, Duration timeout, Map<String, Integer> overrides) {
        this.host = host;
        this.dnsServer = dnsServer;
        this.timeout = timeout;
        this.overrides = overrides;
    }

    int resolve(String name, int port) throws IOException {
        if (IPV4_LITERAL.matcher(name).matches()) {
            return Ipv4Address.parse(name);
        }
        Integer override = overrides.get(name + ":" + port);
        if (override != null) {
            return override;
        }
        List<Integer> addresses = host.resolve(dnsServer, name, timeout);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(name + " has no IPv4 address");
        }
        return addresses.get(0);
    }
}
