package io.tunstack.core.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import io.tunstack.core.stack.DestinationUnreachables;
import io.tunstack.core.stack.NetStack;
import io.tunstack.core.stack.TokenBucket;
import io.tunstack.core.wire.Checksum;
import io.tunstack.core.wire.IcmpPacket;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.core.wire.Ipv4Header;
import io.tunstack.core.wire.UdpHeader;
import io.tunstack.core.wire.WireError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpLayerTest {
    private static final int STACK = Ipv4Address.parse("198.18.0.2");
    private static final int PEER = Ipv4Address.parse("198.18.0.1");
    private static final long SECOND = 1_000_000_000L;

    private final MemoryLink link = new MemoryLink(1500);
    private final NetStack stack = new NetStack(link, STACK, new UnpooledByteBufAllocator(true, true));
    private final UdpLayer udp = new UdpLayer(stack, new SplittableRandom(42), new TokenBucket(2, SECOND));
    private final List<ByteBuf> injected = new ArrayList<>();
    private final List<String> received = new ArrayList<>();

    UdpLayerTest() {
        stack.register(IpProtocol.UDP, udp);
    }

    @AfterEach
    void noBufferLeftBehind() {
        stack.close();
        for (ByteBuf packet : injected) {
            assertEquals(0, packet.refCnt(), "the stack released every packet it received");
        }
    }

    private void inject(ByteBuf packet) {
        injected.add(packet);
        link.inject(packet);
    }

    private ByteBuf sent() throws InterruptedException {
        return link.takeSent(0, TimeUnit.MILLISECONDS);
    }

    private UdpHandler recorder() {
        return (socket, src, srcPort, payload) -> received.add(Ipv4Address.format(src) + ":" + srcPort + " "
                + payload.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void echoesThroughAHandler() throws InterruptedException {
        udp.bind(0, 7, (socket, src, srcPort, payload) -> socket.send(src, srcPort, payload.retain()));
        inject(Datagrams.udp(PEER, 40000, STACK, 7, "ping".getBytes(StandardCharsets.US_ASCII)));

        stack.poll(0);

        Datagrams.Sent echo = Datagrams.parse(sent());
        assertEquals(STACK, echo.ip().srcAddr);
        assertEquals(PEER, echo.ip().dstAddr);
        assertEquals(7, echo.udp().srcPort);
        assertEquals(40000, echo.udp().dstPort);
        assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), echo.payload());
        assertEquals(1, udp.counters().datagramsIn());
        assertEquals(1, udp.counters().datagramsOut());
    }

    @Test
    void handsTheHandlerTheSenderAndAZeroCopySlice() {
        List<ByteBuf> kept = new ArrayList<>();
        udp.bind(STACK, 5353, (socket, src, srcPort, payload) -> kept.add(payload.retain()));
        ByteBuf packet = Datagrams.udp(PEER, 1234, STACK, 5353, "abc".getBytes(StandardCharsets.US_ASCII));
        inject(packet);

        stack.poll(0);

        assertEquals(1, kept.size());
        ByteBuf payload = kept.get(0);
        assertEquals("abc", payload.toString(StandardCharsets.US_ASCII));
        packet.setByte(Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH, 'X');
        assertEquals("Xbc", payload.toString(StandardCharsets.US_ASCII), "the payload shares the packet's memory");
        assertEquals(1, packet.refCnt(), "retaining the slice keeps the packet");
        payload.release();
        assertEquals(0, packet.refCnt());
    }

    @Test
    void aThrowingHandlerCostsOnlyItsDatagram() {
        udp.bind(0, 9000, (socket, src, srcPort, payload) -> {
            throw new IllegalStateException("application bug");
        });
        udp.bind(0, 9001, recorder());
        inject(Datagrams.udp(PEER, 1, STACK, 9000, "first".getBytes(StandardCharsets.US_ASCII)));
        inject(Datagrams.udp(PEER, 1, STACK, 9001, "second".getBytes(StandardCharsets.US_ASCII)));

        stack.poll(0);

        assertEquals(1, udp.counters().applicationFailures());
        assertEquals(List.of("198.18.0.1:1 second"), received);
    }

    @Test
    void acceptsADatagramWithoutChecksum() {
        udp.bind(0, 9000, recorder());
        ByteBuf packet = Datagrams.udp(PEER, 1, STACK, 9000, "no sum".getBytes(StandardCharsets.US_ASCII));
        packet.setShort(Ipv4Header.MIN_LENGTH + 6, 0); // RFC 768: zero = no checksum computed
        inject(packet);

        stack.poll(0);

        assertEquals(List.of("198.18.0.1:1 no sum"), received);
    }

    @Test
    void dropsAndCountsABadChecksumWithoutAnswering() throws InterruptedException {
        udp.bind(0, 9000, recorder());
        ByteBuf packet = Datagrams.udp(PEER, 1, STACK, 9000, "data".getBytes(StandardCharsets.US_ASCII));
        packet.setByte(packet.writerIndex() - 1, 'X');
        inject(packet);
        ByteBuf unbound = Datagrams.udp(PEER, 1, STACK, 9001, new byte[4]);
        unbound.setByte(unbound.writerIndex() - 1, 1);
        inject(unbound);

        stack.poll(0);

        assertTrue(received.isEmpty());
        assertEquals(2, udp.counters().drops(WireError.BAD_CHECKSUM));
        assertEquals(0, udp.counters().noPort(), "a corrupt datagram's port is not trusted");
        assertNull(sent(), "no ICMP for a datagram that fails its checksum");
    }

    @Test
    void dropsAndCountsBadLengthsAndTruncation() throws InterruptedException {
        udp.bind(0, 9000, recorder());
        ByteBuf tooLong = Datagrams.udp(PEER, 1, STACK, 9000, new byte[4]);
        tooLong.setShort(Ipv4Header.MIN_LENGTH + 4, 13);
        inject(tooLong);
        ByteBuf tooShort = Datagrams.udp(PEER, 1, STACK, 9000, new byte[4]);
        tooShort.setShort(Ipv4Header.MIN_LENGTH + 4, 7);
        inject(tooShort);
        inject(truncatedDatagram());

        stack.poll(0);

        assertTrue(received.isEmpty());
        assertEquals(2, udp.counters().drops(WireError.BAD_LENGTH));
        assertEquals(1, udp.counters().drops(WireError.TRUNCATED));
        assertNull(sent());
    }

    /** An IPv4 packet whose UDP part is only 6 bytes. */
    private static ByteBuf truncatedDatagram() {
        Ipv4Header ip = new Ipv4Header();
        ip.totalLength = Ipv4Header.MIN_LENGTH + 6;
        ip.ttl = 64;
        ip.protocol = IpProtocol.UDP;
        ip.srcAddr = PEER;
        ip.dstAddr = STACK;
        ByteBuf packet = Unpooled.buffer(ip.totalLength);
        ip.writeTo(packet, 0);
        packet.writerIndex(ip.totalLength);
        return packet;
    }

    @Test
    void ignoresBytesAfterTheUdpLength() {
        udp.bind(0, 9000, recorder());
        ByteBuf packet = Datagrams.udp(PEER, 1, STACK, 9000, "abcdef".getBytes(StandardCharsets.US_ASCII));
        // shorten the UDP Length to 3 data bytes and fix the checksum: the IP payload carries 3 extra bytes
        packet.setShort(Ipv4Header.MIN_LENGTH + 4, UdpHeader.LENGTH + 3);
        UdpHeader.fillChecksum(packet, Ipv4Header.MIN_LENGTH, UdpHeader.LENGTH + 3, PEER, STACK);
        inject(packet);

        stack.poll(0);

        assertEquals(List.of("198.18.0.1:1 abc"), received);
    }

    @Test
    void answersAnUnboundPortWithPortUnreachableQuotingTheDatagram() throws InterruptedException {
        ByteBuf packet = Datagrams.udp(PEER, 40000, STACK, 9999, "hello there".getBytes(StandardCharsets.US_ASCII));
        byte[] original = ByteBufUtil.getBytes(packet);
        inject(packet);

        stack.poll(0);

        // The original IPv4 header (TTL, identification and checksum included) and UDP header, byte for byte.
        byte[] quoted = DestinationUnreachables.quote(sent(), STACK, PEER, IcmpPacket.CODE_PORT_UNREACHABLE);
        assertArrayEquals(Arrays.copyOf(original, 28), quoted);
        assertEquals(1, udp.counters().noPort());
        assertEquals(1, udp.counters().portUnreachableSent());
    }

    @Test
    void rateLimitsPortUnreachables() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            inject(Datagrams.udp(PEER, 40000 + i, STACK, 9999, new byte[1]));
        }
        stack.poll(0);
        assertEquals(2, drainIcmp(), "the burst of the bucket");
        assertEquals(3, udp.counters().portUnreachableSuppressed());

        inject(Datagrams.udp(PEER, 40000, STACK, 9999, new byte[1]));
        stack.poll(SECOND / 2);
        assertEquals(0, drainIcmp(), "no token earned yet");

        inject(Datagrams.udp(PEER, 40000, STACK, 9999, new byte[1]));
        inject(Datagrams.udp(PEER, 40000, STACK, 9999, new byte[1]));
        stack.poll(SECOND);
        assertEquals(1, drainIcmp(), "one token per second");
        assertEquals(8, udp.counters().noPort());
        assertEquals(3, udp.counters().portUnreachableSent());
    }

    private int drainIcmp() throws InterruptedException {
        int count = 0;
        ByteBuf packet;
        while ((packet = sent()) != null) {
            Ipv4Header ip = new Ipv4Header();
            assertNull(ip.parse(packet));
            assertEquals(IpProtocol.ICMP, ip.protocol);
            packet.release();
            count++;
        }
        return count;
    }

    @Test
    void neverSendsIcmpErrorsToSourcesThatAreNotOneHost() throws InterruptedException {
        for (String source : List.of("0.0.0.0", "127.0.0.1", "224.0.0.251", "255.255.255.255")) {
            inject(Datagrams.udp(Ipv4Address.parse(source), 5353, STACK, 9999, new byte[1]));
        }
        stack.poll(0);

        assertNull(sent());
        assertEquals(4, udp.counters().noPort());
        assertEquals(4, udp.counters().portUnreachableSuppressed());
    }

    @Test
    void closingUnbindsThePort() throws InterruptedException {
        UdpSocket socket = udp.bind(0, 9000, recorder());
        socket.close();
        socket.close();
        assertEquals(0, udp.boundSockets());
        inject(Datagrams.udp(PEER, 1, STACK, 9000, new byte[1]));

        stack.poll(0);

        assertTrue(received.isEmpty());
        assertEquals(1, drainIcmp(), "a closed port is unreachable");
        ByteBuf payload = Unpooled.buffer().writeByte(1);
        assertThrows(IllegalStateException.class, () -> socket.send(PEER, 9, payload));
        assertEquals(0, payload.refCnt(), "send takes ownership even when it fails");
    }

    @Test
    void rejectsBindsThatCannotWork() {
        udp.bind(0, 9000, recorder());
        IllegalStateException inUse = assertThrows(IllegalStateException.class, () -> udp.bind(0, 9000, recorder()));
        assertTrue(inUse.getMessage().contains("9000 is already bound"), inUse.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> udp.bind(Ipv4Address.parse("10.0.0.1"), 9001, recorder()));
        assertTrue(other.getMessage().contains("10.0.0.1"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> udp.bind(0, 65536, recorder()));
    }

    @Test
    void picksRandomFreeEphemeralPorts() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = udp.bind(0, 0, recorder()).localPort();
            assertTrue(port >= UdpLayer.EPHEMERAL_FIRST && port <= UdpLayer.EPHEMERAL_LAST, "ephemeral: " + port);
            ports.add(port);
        }
        assertEquals(50, ports.size(), "every port is distinct");
        List<Integer> sorted = ports.stream().sorted().toList();
        assertNotEquals(sorted.get(0) + 49, (int) sorted.get(49), "not a sequential block (RFC 6056)");
    }

    @Test
    void refusesDatagramsLargerThanTheMtu() throws InterruptedException {
        UdpSocket socket = udp.bind(0, 0, recorder());
        assertEquals(1500 - 28, udp.maxPayload());
        ByteBuf tooBig = Unpooled.buffer().writeZero(udp.maxPayload() + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> socket.send(PEER, 53, tooBig));
        assertTrue(e.getMessage().contains("MTU"), e.getMessage());
        assertEquals(0, tooBig.refCnt());

        ByteBuf largest = Unpooled.buffer().writeZero(udp.maxPayload());
        socket.send(PEER, 53, largest);
        assertEquals(0, largest.refCnt());
        assertEquals(1500, Datagrams.parse(sent()).ip().totalLength);
        ByteBuf toPortZero = Unpooled.buffer().writeByte(1);
        assertThrows(IllegalArgumentException.class, () -> socket.send(PEER, 0, toPortZero));
    }

    @Test
    void runsSocketTimersAtTheirDeadlineAndCancelsThemOnClose() {
        List<String> fired = new ArrayList<>();
        UdpSocket a = udp.bind(0, 0, recorder());
        UdpSocket b = udp.bind(0, 0, recorder());
        UdpSocket c = udp.bind(0, 0, recorder());
        a.setTimer(3 * SECOND, () -> fired.add("a"));
        b.setTimer(5 * SECOND, () -> fired.add("b"));
        b.setTimer(2 * SECOND, () -> fired.add("b2"));
        c.setTimer(SECOND, () -> fired.add("c"));
        c.close();
        assertEquals(2 * SECOND, udp.nextDeadline());

        stack.poll(2 * SECOND - 1);
        assertEquals(List.of(), fired);
        stack.poll(3 * SECOND);
        assertEquals(List.of("b2", "a"), fired, "in deadline order; replaced and closed timers never fire");
        assertEquals(Long.MAX_VALUE, udp.nextDeadline());
    }
}
