package io.tunstack.core.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tunstack.core.link.MemoryLink;
import io.tunstack.core.udp.Datagrams;
import io.tunstack.core.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A DNS server played by the test on the far side of a {@link MemoryLink}: it takes the queries the stack sent
 * and injects answers, which tests can tamper with. Keeps every injected packet for leak checks.
 */
final class FakeDnsServer {
    private final MemoryLink link;
    private final int address;
    private final int port;
    private final int stackAddress;
    private final List<ByteBuf> injected = new ArrayList<>();

    FakeDnsServer(MemoryLink link, int address, int port, int stackAddress) {
        this.link = link;
        this.address = address;
        this.port = port;
        this.stackAddress = stackAddress;
    }

    /** A query the resolver sent: from which port, and the decoded message. */
    record Query(int clientPort, DnsMessage message) {
        int id() {
            return message.id();
        }
    }

    /** The next query the stack sent, waiting up to {@code millis}, or {@code null}. */
    Query take(long millis) throws Exception {
        ByteBuf packet = link.takeSent(millis, TimeUnit.MILLISECONDS);
        if (packet == null) {
            return null;
        }
        Datagrams.Sent sent = Datagrams.parse(packet);
        assertEquals(address, sent.ip().dstAddr, "sent to the server");
        assertEquals(port, sent.udp().dstPort, "sent to the server's port");
        return new Query(sent.udp().srcPort, DnsCodec.decode(Unpooled.wrappedBuffer(sent.payload())));
    }

    /** A response echoing {@code query}'s ID and question with {@code rcode} and the answers. */
    static DnsMessage response(Query query, int rcode, DnsRecord... answers) {
        int flags = DnsMessage.FLAG_QR | DnsMessage.FLAG_RD | DnsMessage.FLAG_RA | rcode;
        return new DnsMessage(query.id(), flags, query.message().questions(), Arrays.asList(answers), List.of(),
                List.of());
    }

    static DnsRecord a(String name, String address) {
        return new DnsRecord(name, DnsType.CLASS_IN, 60,
                new DnsRData.A(Ipv4Address.parse(address)));
    }

    static DnsRecord cname(String name, String target) {
        return new DnsRecord(name, DnsType.CLASS_IN, 60, new DnsRData.Cname(target));
    }

    /** Sends {@code message} to the query's port from the server's address and port. */
    void reply(Query query, DnsMessage message) {
        ByteBuf out = Unpooled.buffer();
        DnsCodec.encode(message, out);
        send(address, port, query.clientPort(), ByteBufUtil.getBytes(out));
    }

    /** Injects a datagram of raw bytes to the stack. */
    void send(int srcAddr, int srcPort, int dstPort, byte[] payload) {
        ByteBuf packet = Datagrams.udp(srcAddr, srcPort, stackAddress, dstPort, payload);
        injected.add(packet);
        link.inject(packet);
    }

    /** Every injected packet was released by the stack. */
    void assertReleased() {
        for (ByteBuf packet : injected) {
            assertEquals(0, packet.refCnt(), "the stack released every packet it received");
        }
    }
}
