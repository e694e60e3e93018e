package io.tunstack.core.dns;

import static io.tunstack.core.dns.FakeDnsServer.a;
import static io.tunstack.core.dns.FakeDnsServer.cname;
import static io.tunstack.core.dns.FakeDnsServer.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tunstack.core.link.MemoryLink;
import io.tunstack.core.stack.EventLoop;
import io.tunstack.core.stack.NetStack;
import io.tunstack.core.time.SystemClock;
import io.tunstack.core.time.VirtualClock;
import io.tunstack.core.stack.TokenBucket;
import io.tunstack.core.udp.UdpLayer;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stub resolver against a DNS server played by the test, on a virtual clock polled by the test. */
class DnsResolverTest {
    private static final int STACK = Ipv4Address.parse("198.18.0.2");
    private static final int SERVER = Ipv4Address.parse("198.18.0.1");
    private static final long MS = 1_000_000L;
    private static final DnsResolverConfig CONFIG =
            new DnsResolverConfig(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(3));

    private final VirtualClock clock = new VirtualClock();
    private final MemoryLink link = new MemoryLink(1500);
    private final NetStack stack = new NetStack(link, STACK, new UnpooledByteBufAllocator(true, true));
    private final UdpLayer udp = new UdpLayer(stack, new SplittableRandom(1), new TokenBucket(10, MS));
    private final DnsResolver resolver = new DnsResolver(udp, null, clock, SERVER, 53, CONFIG, new SplittableRandom(2));
    private final FakeDnsServer server = new FakeDnsServer(link, SERVER, 53, STACK);
    private final List<DnsResult> results = new ArrayList<>();

    DnsResolverTest() {
        stack.register(IpProtocol.UDP, udp);
    }

    @AfterEach
    void noBufferOrSocketLeftBehind() {
        stack.close();
        server.assertReleased();
    }

    private void advanceTo(long nanos) {
        clock.advanceTo(nanos);
        stack.poll(clock.nanoTime());
    }

    private void poll() {
        stack.poll(clock.nanoTime());
    }

    private FakeDnsServer.Query query() throws Exception {
        return server.take(0);
    }

    private DnsResult onlyResult() {
        assertEquals(1, results.size(), "exactly one result: " + results);
        return results.get(0);
    }

    @Test
    void resolvesAnAddressFromARandomPortWithARandomId() throws Exception {
        resolver.resolve("example.test", results::add);

        FakeDnsServer.Query q = query();
        assertNotNull(q, "a query was sent");
        assertTrue(q.clientPort() >= UdpLayer.EPHEMERAL_FIRST, "ephemeral source port " + q.clientPort());
        assertEquals(List.of(new DnsQuestion("example.test", DnsType.A, DnsType.CLASS_IN)), q.message().questions());
        assertEquals(DnsMessage.FLAG_RD, q.message().flags(), "a standard query asking for recursion");
        assertEquals(1, udp.boundSockets());

        server.reply(q, response(q, 0, a("example.test", "198.18.0.7"), a("example.test", "198.18.0.8")));
        poll();

        DnsResult result = onlyResult();
        assertTrue(result.ok(), result.message());
        assertEquals(List.of(Ipv4Address.parse("198.18.0.7"), Ipv4Address.parse("198.18.0.8")), result.addresses());
        assertEquals("example.test: 198.18.0.7, 198.18.0.8", result.message());
        assertEquals(0, udp.boundSockets(), "the query's socket is closed");
        assertEquals(Long.MAX_VALUE, udp.nextDeadline(), "and its timer cancelled");
    }

    @Test
    void concurrentQueriesUseDifferentPortsAndIds() throws Exception {
        resolver.resolve("one.test", results::add);
        resolver.resolve("two.test", results::add);
        FakeDnsServer.Query one = query();
        FakeDnsServer.Query two = query();
        assertNotEquals(one.clientPort(), two.clientPort());
        assertNotEquals(one.id(), two.id());

        server.reply(two, response(two, 0, a("two.test", "10.0.0.2")));
        server.reply(one, response(one, 0, a("one.test", "10.0.0.1")));
        poll();

        assertEquals(List.of("two.test: 10.0.0.2", "one.test: 10.0.0.1"),
                results.stream().map(DnsResult::message).toList());
    }

    @Test
    void retransmitsAfterLossWithBackoffAndKeepsPortAndId() throws Exception {
        resolver.resolve("example.test", results::add);
        FakeDnsServer.Query first = query(); // lost

        advanceTo(999 * MS);
        assertNull(query(), "no retransmission before the first timeout");
        advanceTo(1000 * MS);
        FakeDnsServer.Query second = query(); // lost too
        assertNotNull(second, "retransmitted after 1 s");
        assertEquals(first.clientPort(), second.clientPort());
        assertEquals(first.id(), second.id());

        advanceTo(2999 * MS);
        assertNull(query(), "the second wait is twice as long");
        advanceTo(3000 * MS);
        FakeDnsServer.Query third = query();
        assertNotNull(third, "retransmitted after 2 s more");

        server.reply(first, response(first, 0, a("example.test", "198.18.0.7")));
        poll();
        assertTrue(onlyResult().ok(), "a late answer to the first transmission counts");
    }

    @Test
    void reportsATimeoutAfterTheLastAttempt() throws Exception {
        resolver.resolve("example.test", results::add);
        advanceTo(1000 * MS);
        advanceTo(3000 * MS);
        assertEquals(3, drainQueries());
        advanceTo(5999 * MS);
        assertTrue(results.isEmpty(), "the third wait is capped at maxTimeout (3 s) but not over");
        advanceTo(6000 * MS);

        DnsResult result = onlyResult();
        assertEquals(DnsError.TIMEOUT, result.error());
        assertEquals("example.test: no answer from the server (after 3 attempts to 198.18.0.1:53)", result.message());
        assertEquals(0, udp.boundSockets());
    }

    /** Lets the three timeouts (1 s, 2 s, then 3 s) pass. */
    private void runOutOfAttempts() {
        advanceTo(1000 * MS);
        advanceTo(3000 * MS);
        advanceTo(6000 * MS);
    }

    private int drainQueries() throws Exception {
        int count = 0;
        while (query() != null) {
            count++;
        }
        return count;
    }

    @Test
    void ignoresAnAnswerWithTheWrongId() throws Exception {
        resolver.resolve("example.test", results::add);
        FakeDnsServer.Query q = query();
        DnsMessage good = response(q, 0, a("example.test", "198.18.0.7"));
        DnsMessage wrongId = new DnsMessage(q.id() ^ 1, good.flags(), good.questions(), good.answers(), List.of(),
                List.of());

        server.reply(q, wrongId);
        poll();
        assertTrue(results.isEmpty(), "a spoofed ID does not end the query");

        server.reply(q, good);
        poll();
        assertTrue(onlyResult().ok());
    }

    @Test
    void ignoresAnswersFromElsewhereAndExplainsTheTimeout() throws Exception {
        resolver.resolve("example.test", results::add);
        FakeDnsServer.Query q = query();
        byte[] answer = encode(response(q, 0, a("example.test", "6.6.6.6")));
        server.send(Ipv4Address.parse("198.18.0.66"), 53, q.clientPort(), answer);
        server.send(SERVER, 5353, q.clientPort(), answer);
        DnsMessage otherQuestion = new DnsMessage(q.id(), answer(q).flags(),
                List.of(new DnsQuestion("evil.test", DnsType.A, DnsType.CLASS_IN)), List.of(), List.of(), List.of());
        server.reply(q, otherQuestion);
        runOutOfAttempts();

        DnsResult result = onlyResult();
        assertEquals(DnsError.TIMEOUT, result.error());
        assertTrue(result.detail().endsWith("last message rejected: response question \"evil.test A\" does not "
                + "match \"example.test A\""), result.detail());
    }

    @Test
    void ignoresMalformedAnswersAndReportsWhy() throws Exception {
        resolver.resolve("example.test", results::add);
        FakeDnsServer.Query q = query();
        byte[] answer = encode(response(q, 0, a("example.test", "198.18.0.7")));
        server.send(SERVER, 53, q.clientPort(), Arrays.copyOf(answer, answer.length - 2));
        runOutOfAttempts();

        DnsResult result = onlyResult();
        assertEquals(DnsError.TIMEOUT, result.error());
        assertTrue(result.detail().contains("last message rejected: malformed response: truncated RDATA"),
                result.detail());
    }

    private static DnsMessage answer(FakeDnsServer.Query q) {
        return response(q, 0);
    }

    private static byte[] encode(DnsMessage message) {
        ByteBuf out = Unpooled.buffer();
        DnsCodec.encode(message, out);
        return ByteBufUtil.getBytes(out);
    }

    @ParameterizedTest
    @CsvSource({"3, NAME_NOT_FOUND, nx.test: name not found (RCODE 3)",
            "2, SERVER_FAILURE, nx.test: server failure (RCODE 2)",
            "5, REFUSED, nx.test: query refused (RCODE 5)",
            "1, FORMAT_ERROR, nx.test: server could not interpret the query (RCODE 1)",
            "9, OTHER_RCODE, nx.test: server error (RCODE 9)"})
    void mapsErrorRcodes(int rcode, DnsError error, String message) throws Exception {
        resolver.resolve("nx.test", results::add);
        FakeDnsServer.Query q = query();
        server.reply(q, response(q, rcode));
        poll();

        DnsResult result = onlyResult();
        assertEquals(error, result.error());
        assertEquals(message, result.message());
    }

    @Test
    void followsACnameChainWithinTheAnswer() throws Exception {
        resolver.resolve("www.example.test", results::add);
        FakeDnsServer.Query q = query();
        server.reply(q, response(q, 0, a("example.test", "198.18.0.7"), cname("WWW.example.test", "web.example.test"),
                cname("web.example.test", "example.test"), a("unrelated.test", "10.9.9.9")));
        poll();

        DnsResult result = onlyResult();
        assertTrue(result.ok(), result.message());
        assertEquals("example.test", result.canonicalName());
        assertEquals(List.of(Ipv4Address.parse("198.18.0.7")), result.addresses());
        assertEquals("www.example.test (via example.test): 198.18.0.7", result.message());
    }

    @Test
    void reportsATruncatedAnswerWhenThereIsNoTcpToRetryOver() throws Exception {
        resolver.resolve("big.test", results::add);
        FakeDnsServer.Query q = query();
        DnsMessage truncated = response(q, 0);
        server.reply(q, new DnsMessage(q.id(), truncated.flags() | DnsMessage.FLAG_TC, truncated.questions(),
                List.of(), List.of(), List.of()));
        poll();

        assertEquals(DnsError.TRUNCATED, onlyResult().error());
        assertEquals("no TCP to retry over", onlyResult().detail());
    }

    @Test
    void reportsAnAnswerWithoutAddress() throws Exception {
        resolver.resolve("alias.test", results::add);
        FakeDnsServer.Query q = query();
        server.reply(q, response(q, 0, cname("alias.test", "elsewhere.test")));
        poll();

        DnsResult result = onlyResult();
        assertEquals(DnsError.NO_ADDRESS, result.error());
        assertEquals("alias.test: no IPv4 address for the name (the answer has no A record (canonical name "
                + "elsewhere.test))", result.message());
    }

    @Test
    void rejectsAnInvalidNameWithoutSending() throws Exception {
        resolver.resolve("a..test", results::add);
        resolver.resolve(".", results::add);

        assertEquals(DnsError.INVALID_NAME, results.get(0).error());
        assertTrue(results.get(0).detail().contains("empty label"), results.get(0).detail());
        assertEquals(DnsError.INVALID_NAME, results.get(1).error());
        assertNull(query());
        assertEquals(0, udp.boundSockets());
    }

    @Test
    void resolvesFromAnotherThreadThroughTheEventLoop() throws Exception {
        MemoryLink realLink = new MemoryLink(1500);
        NetStack realStack = new NetStack(realLink, STACK, new UnpooledByteBufAllocator(true, true));
        UdpLayer realUdp = new UdpLayer(realStack);
        realStack.register(IpProtocol.UDP, realUdp);
        DnsResolver blocking = new DnsResolver(realUdp, null, SystemClock.INSTANCE, SERVER);
        FakeDnsServer realServer = new FakeDnsServer(realLink, SERVER, 53, STACK);
        try (EventLoop loop = EventLoop.start(realStack, SystemClock.INSTANCE, "dns-test")) {
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try {
                    FakeDnsServer.Query q = realServer.take(5000);
                    realServer.reply(q, response(q, 0, a("example.test", "198.18.0.7")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            DnsResult result = blocking.resolveBlocking(loop, "example.test", Duration.ofSeconds(10));

            assertEquals("example.test: 198.18.0.7", result.message());
            serving.get(5, TimeUnit.SECONDS);
            ExecutionException onLoop = assertThrows(ExecutionException.class, () -> loop.call(() -> {
                try {
                    return blocking.resolveBlocking(loop, "example.test", Duration.ofSeconds(1));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(5, TimeUnit.SECONDS));
            assertTrue(onLoop.getCause().getMessage().contains("would block the event loop"));
        }
        realServer.assertReleased();
    }
}
