package io.tunstack.core.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tunstack.core.link.MemoryLink;
import io.tunstack.core.socket.Host;
import io.tunstack.core.tcp.TcpConnection;
import io.tunstack.core.tcp.TcpHandler;
import io.tunstack.core.wire.Ipv4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 7766 §5: a truncated UDP answer is asked again over tunstack's own TCP. Two hosts over an in-memory link;
 * the server host answers UDP with TC set and only a few records, and TCP (two-byte length framing, RFC 1035
 * §4.2.2) as the test chooses.
 */
@Timeout(30)
class DnsOverTcpTest {
    private static final int CLIENT = Ipv4Address.parse("198.18.0.2");
    private static final int SERVER = Ipv4Address.parse("198.18.0.1");
    private static final String NAME = "many.test";
    private static final int RECORDS = 100;
    private static final DnsResolverConfig FAST =
            new DnsResolverConfig(2, Duration.ofMillis(150), 1.0, Duration.ofMillis(150));

    private final MemoryLink[] links = MemoryLink.pair(1500);
    private final Host client = Host.builder(links[0], CLIENT).linger(Duration.ZERO).threadName("dns-client").start();
    private final Host server = Host.builder(links[1], SERVER).linger(Duration.ZERO).threadName("dns-server").start();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aTruncatedAnswerIsFetchedOverTcp() throws Exception {
        serveUdpTruncated();
        serveTcp(query -> framed(encode(answer(query, RECORDS))));

        List<Integer> addresses = client.resolve(SERVER, NAME, Duration.ofSeconds(10));

        assertEquals(RECORDS, addresses.size(), "the whole answer, which does not fit in one datagram");
        assertEquals(Ipv4Address.parse("10.0.0.1"), addresses.get(0));
        assertEquals(Ipv4Address.parse("10.0.0.100"), addresses.get(RECORDS - 1));
    }

    @Test
    void aRefusedTcpConnectionIsReported() throws Exception {
        serveUdpTruncated();

        DnsResult result = resolveFast();

        assertEquals(DnsError.TRUNCATED, result.error());
        assertTrue(result.detail().contains("ended before an answer: refused"), result.detail());
    }

    @Test
    void aMalformedTcpAnswerIsReported() throws Exception {
        serveUdpTruncated();
        serveTcp(query -> framed(new byte[] {1, 2, 3}));

        DnsResult result = resolveFast();

        assertEquals(DnsError.TRUNCATED, result.error());
        assertTrue(result.detail().contains("malformed response over TCP"), result.detail());
    }

    @Test
    void anAnswerForAnotherQueryIsRejected() throws Exception {
        serveUdpTruncated();
        serveTcp(query -> framed(encode(answer(new DnsMessage((query.id() + 1) & 0xFFFF, query.flags(),
                query.questions(), List.of(), List.of(), List.of()), 3))));

        DnsResult result = resolveFast();

        assertEquals(DnsError.TRUNCATED, result.error());
        assertTrue(result.detail().contains("answer over TCP rejected"), result.detail());
    }

    @Test
    void aSilentTcpServerTimesOutWithinTheUdpBudget() throws Exception {
        serveUdpTruncated();
        serveTcp(query -> new byte[0]);

        long began = System.nanoTime();
        DnsResult result = resolveFast();

        assertEquals(DnsError.TRUNCATED, result.error());
        assertTrue(result.detail().contains("no answer over TCP"), result.detail());
        assertTrue(System.nanoTime() - began < 5_000_000_000L);
        assertEquals(0, (int) client.onLoop(l -> l.udp().boundSockets()), "the query's UDP socket is closed");
    }

    private DnsResult resolveFast() throws Exception {
        DnsResolver resolver = client.onLoop(l -> new DnsResolver(l.udp(), l.tcp(), client.clock(), SERVER,
                DnsResolver.DNS_PORT, FAST, new SplittableRandom(3)));
        return resolver.resolveBlocking(client.loop(), NAME, Duration.ofSeconds(10));
    }

    /** UDP port 53: the first three records and TC, as a server does when the answer is over 512 bytes. */
    private void serveUdpTruncated() throws Exception {
        server.onLoop(l -> l.udp().bind(0, DnsResolver.DNS_PORT, (socket, src, srcPort, payload) -> {
            DnsMessage answer = answer(decode(payload), 3);
            ByteBuf out = Unpooled.buffer();
            DnsCodec.encode(new DnsMessage(answer.id(), answer.flags() | DnsMessage.FLAG_TC, answer.questions(),
                    answer.answers(), List.of(), List.of()), out);
            socket.send(src, srcPort, out);
        }));
    }

    /** TCP port 53: reads one framed query and writes what {@code reply} makes of it (nothing: stays silent). */
    private void serveTcp(Function<DnsMessage, byte[]> reply) throws Exception {
        server.onLoop(l -> l.tcp().listen(0, DnsResolver.DNS_PORT, 4, c -> c.setHandler(new TcpHandler() {
            private final ByteBuf in = Unpooled.buffer();

            @Override
            public void onReadable(TcpConnection c) {
                c.receive(in.ensureWritable(c.readableBytes()));
                if (in.readableBytes() >= 2 && in.readableBytes() >= 2 + in.getUnsignedShort(0)) {
                    c.send(Unpooled.wrappedBuffer(reply.apply(decode(in.slice(2, in.getUnsignedShort(0))))));
                }
            }
        })));
    }

    private static DnsMessage decode(ByteBuf message) {
        try {
            return DnsCodec.decode(message);
        } catch (DnsFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The response to {@code query} with {@code count} A records 10.0.0.1, 10.0.0.2, ... */
    private static DnsMessage answer(DnsMessage query, int count) {
        List<DnsRecord> records = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            records.add(new DnsRecord(NAME, DnsType.CLASS_IN, 60, new DnsRData.A(Ipv4Address.parse("10.0.0." + i))));
        }
        return new DnsMessage(query.id(), DnsMessage.FLAG_QR | DnsMessage.FLAG_RD | DnsMessage.FLAG_RA,
                query.questions(), records, List.of(), List.of());
    }

    private static byte[] encode(DnsMessage message) {
        ByteBuf out = Unpooled.buffer();
        DnsCodec.encode(message, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    private static byte[] framed(byte[] message) {
        if (message.length == 0) {
            return message;
        }
        byte[] out = new byte[2 + message.length];
        out[0] = (byte) (message.length >>> 8);
        out[1] = (byte) message.length;
        System.arraycopy(message, 0, out, 2, message.length);
        return out;
    }
}
