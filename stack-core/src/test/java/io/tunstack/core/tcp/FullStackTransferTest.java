package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.tunstack.core.link.Impairment;
import io.tunstack.core.link.ImpairmentLink;
import io.tunstack.core.link.MemoryLink;
import io.tunstack.core.stack.DropReason;
import io.tunstack.core.stack.NetStack;
import io.tunstack.core.time.VirtualClock;
import io.tunstack.core.wire.IpProtocol;
import io.tunstack.core.wire.Ipv4Address;
import io.tunstack.core.wire.WireError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two complete tunstack hosts (IPv4 with checksums, TCP) over an in-memory link that loses, delays,
 * reorders, duplicates and corrupts packets, on one virtual clock: 10 MB each way must arrive intact,
 * and the same seed must replay the same run.
 */
class FullStackTransferTest {
    private static final int ADDR_A = Ipv4Address.parse("198.18.0.1");
    private static final int ADDR_B = Ipv4Address.parse("198.18.0.2");
    private static final int PORT = 443;
    private static final long MS = 1_000_000;

    /** What one run ended with: digests, virtual duration and both hosts' counters. */
    private record Run(byte[] aSent, byte[] aReceived, byte[] bSent, byte[] bReceived, long endNanos,
            long corruptedDropped, long overMtu, String countersA, String countersB) {
    }

    private static Run transfer(long seed, long bytesEachWay, Impairment impairment) {
        VirtualClock clock = new VirtualClock(0);
        MemoryLink[] wire = MemoryLink.pair(1500);
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
        // Each host impairs what it receives, so each direction is impaired once.
        NetStack hostA = new NetStack(new ImpairmentLink(wire[0], clock, seed, impairment, Impairment.NONE), ADDR_A,
                alloc);
        NetStack hostB = new NetStack(new ImpairmentLink(wire[1], clock, seed + 1, impairment, Impairment.NONE),
                ADDR_B, alloc);
        TcpConfig.Builder config = TcpConfig.builder().msl(Duration.ofSeconds(1)).maxRetransmissions(30)
                .receiveBufferSize(256 * 1024).sendBufferSize(256 * 1024);
        TcpLayer a = new TcpLayer(hostA, config.fixedIss(0xFFFF_F000).build(), clock, TcpEventSink.NONE);
        TcpLayer b = new TcpLayer(hostB, config.fixedIss(0x7FFF_FFF0).build(), clock, TcpEventSink.NONE);
        hostA.register(IpProtocol.TCP, a);
        hostB.register(IpProtocol.TCP, b);
        TransferEndpoint client = new TransferEndpoint(seed * 31 + 1, bytesEachWay);
        TransferEndpoint server = new TransferEndpoint(seed * 31 + 2, bytesEachWay);
        b.listen(0, PORT, 8, c -> {
            c.setHandler(server);
            server.onConnected(c);
        });
        a.connect(ADDR_A, ADDR_B, PORT, client);

        long limit = Duration.ofHours(2).toNanos();
        while ((a.connectionCount() > 0 || b.connectionCount() > 0) && clock.nanoTime() < limit) {
            long now = clock.nanoTime();
            int moved = hostA.poll(now) + hostB.poll(now);
            if (moved == 0) {
                long next = Math.min(hostA.nextDeadline(), hostB.nextDeadline());
                if (next == Long.MAX_VALUE) {
                    break; // nothing scheduled: either done, or stuck (the assertions below tell which)
                }
                clock.advanceTo(Math.max(next, now + 1));
            }
        }
        String state = "A " + a.describeConnections() + " closed " + client.closed + "; B " + b.describeConnections()
                + " closed " + server.closed + "; at " + clock.nanoTime() / 1e9 + " s";
        assertEquals(bytesEachWay, client.received, "A received; " + state);
        assertEquals(bytesEachWay, server.received, "B received; " + state);
        assertEquals(TcpCloseReason.NORMAL, client.closed);
        assertEquals(TcpCloseReason.NORMAL, server.closed);
        long corruptedDropped = 0;
        for (WireError error : new WireError[] {WireError.BAD_CHECKSUM, WireError.BAD_VERSION, WireError.BAD_IHL,
                WireError.BAD_TOTAL_LENGTH}) {
            corruptedDropped += hostA.counters().drops(error) + hostB.counters().drops(error)
                    + a.counters().dropped(error) + b.counters().dropped(error);
        }
        Run run = new Run(client.sentDigest(), client.receivedDigest(), server.sentDigest(), server.receivedDigest(),
                clock.nanoTime(), corruptedDropped,
                hostA.counters().drops(DropReason.OVER_MTU) + hostB.counters().drops(DropReason.OVER_MTU), a.counters().toString(), b.counters().toString());
        hostA.close();
        hostB.close();
        return run;
    }

    @Test
    void tenMegabytesEachWayThroughLossReorderingDuplicationAndCorruption() {
        Impairment bad = Impairment.NONE.withLoss(0.10).withDelay(10 * MS, 5 * MS).withReorder(0.05, 5 * MS)
                .withDuplicate(0.02).withCorrupt(0.01);
        Run run = transfer(11, 10L << 20, bad);
        assertArrayEquals(run.aSent(), run.bReceived(), "A's bytes arrived at B unchanged");
        assertArrayEquals(run.bSent(), run.aReceived(), "B's bytes arrived at A unchanged");
        assertTrue(run.corruptedDropped() > 0, "corrupted packets were caught by checksums: " + run);
        assertEquals(0, run.overMtu(), "no segment outgrew the MTU");
        System.out.printf("10 MB each way, 10%% loss: %.1f s virtual; A %s; B %s%n", run.endNanos() / 1e9,
                run.countersA(), run.countersB());
    }

    @Test
    void theSameSeedReplaysTheSameRun() {
        Impairment bad = Impairment.NONE.withLoss(0.05).withDelay(5 * MS, 5 * MS).withReorder(0.1, 3 * MS)
                .withDuplicate(0.02).withCorrupt(0.01);
        Run first = transfer(5, 1 << 20, bad);
        Run second = transfer(5, 1 << 20, bad);
        assertEquals(first.endNanos(), second.endNanos(), "same virtual duration");
        assertEquals(first.countersA(), second.countersA());
        assertEquals(first.countersB(), second.countersB());
        assertArrayEquals(first.aReceived(), second.aReceived());
    }
}
