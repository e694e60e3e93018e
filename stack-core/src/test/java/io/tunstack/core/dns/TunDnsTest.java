package io.tunstack.core.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.core.time.SystemClock;
import io.tunstack.core.udp.LabServer;
import io.tunstack.core.udp.TunUdpLab;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.testing.RootRequirement;
import io.tunstack.testing.TunHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stub resolver asks dnsmasq, running in a fresh namespace, through a real TUN (UDP, and TCP for large answers). */
class TunDnsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void resolvesThroughDnsmasq(@TempDir Path dir) throws Exception {
        RootRequirement.check();
        try (TunUdpLab tun = TunUdpLab.start("tun-dns");
                LabServer dnsmasq = LabServer.start(tun.lab, "started, version", "dnsmasq", "--no-daemon",
                        "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--listen-address=198.18.0.1",
                        "--bind-interfaces", "--pid-file=" + dir.resolve("dnsmasq.pid"), "--log-facility=-",
                        "--log-queries", "--local=/test/", "--host-record=example.test,198.18.0.7",
                        "--address=/wild.test/198.18.0.9", "--cname=www.example.test,example.test",
                        "--cname=alias.test,www.example.test")) {
            dnsmasq.awaitReady(10);
            DnsResolver resolver = new DnsResolver(tun.udp, null, SystemClock.INSTANCE, TunUdpLab.GATEWAY);

            DnsResult direct = resolver.resolveBlocking(tun.loop, "example.test", WAIT);
            assertEquals(List.of(Ipv4Address.parse("198.18.0.7")), direct.addresses(), direct + dnsmasq.output());

            DnsResult chain = resolver.resolveBlocking(tun.loop, "alias.test", WAIT);
            assertTrue(chain.ok(), chain + "\n" + dnsmasq.output());
            assertEquals("example.test", chain.canonicalName(), "followed alias → www.example.test → example.test");
            assertEquals(List.of(Ipv4Address.parse("198.18.0.7")), chain.addresses());

            DnsResult wildcard = resolver.resolveBlocking(tun.loop, "Host.WILD.test", WAIT);
            assertEquals(List.of(Ipv4Address.parse("198.18.0.9")), wildcard.addresses(), wildcard.toString());

            DnsResult missing = resolver.resolveBlocking(tun.loop, "missing.test", WAIT);
            assertEquals(DnsError.NAME_NOT_FOUND, missing.error(), missing + "\n" + dnsmasq.output());
            assertEquals("missing.test: name not found (RCODE 3)", missing.message());

            assertEquals(0, tun.loop.call(tun.udp::boundSockets).get(), "every query closed its socket");
        }
    }

    /**
     * 100 addresses do not fit in a 512-byte UDP answer: dnsmasq sets TC, and the resolver asks again over
     * tunstack's TCP (RFC 7766 §5), which dnsmasq also serves.
     */
    @Test
    void aLargeAnswerComesOverTcp(@TempDir Path dir) throws Exception {
        RootRequirement.check();
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            hosts.add("10.0.0." + i + " big.test");
        }
        Path hostsFile = Files.write(dir.resolve("hosts"), hosts);
        try (TunHost tun = TunHost.start();
                LabServer dnsmasq = LabServer.start(tun.lab(), "started, version", "dnsmasq", "--no-daemon",
                        "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--addn-hosts=" + hostsFile,
                        "--listen-address=198.18.0.1", "--bind-interfaces", "--pid-file=" + dir.resolve("dnsmasq.pid"),
                        "--log-facility=-", "--log-queries", "--local=/test/")) {
            dnsmasq.awaitReady(10);

            List<Integer> addresses = tun.host().resolve(TunHost.GATEWAY, "big.test", WAIT);

            assertEquals(100, addresses.size(), dnsmasq.output());
            assertTrue(addresses.contains(Ipv4Address.parse("10.0.0.100")), addresses.toString());
            assertEquals(0, (int) tun.host().onLoop(l -> l.udp().boundSockets()));
            assertTrue(tun.host().onLoop(l -> l.tcp().counters().segmentsIn()) > 0, "the answer came over TCP");
        }
    }
}
