package io.tunstack.core.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tunstack.core.time.VirtualClock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Two TCP layers exchanging data in both directions over a lossy, reordering, duplicating simulated path. */
class TcpTransferTest {
    private static final int ADDR_A = 0xC6120001;
    private static final int ADDR_B = 0xC6120002;
    private static final int PORT = 443;

    private record Result(byte[] aSent, byte[] aReceived, byte[] bSent, byte[] bReceived, long endNanos,
                          long segments, String countersA, String countersB, int leftA, int leftB,
                          long timeoutRetransmissions, long wireTrace, long predicted) {
    }

    private static Result transfer(long seed, long bytesEachWay, SimulatedPath.Impairments impairments) {
        return transfer(seed, bytesEachWay, impairments, true);
    }

    private static Result transfer(long seed, long bytesEachWay, SimulatedPath.Impairments impairments, boolean sack) {
        return transfer(seed, bytesEachWay, impairments, sack, TcpConfig.LossDetection.RACK_TLP);
    }

    private static Result transfer(long seed, long bytesEachWay, SimulatedPath.Impairments impairments, boolean sack,
                                   TcpConfig.LossDetection lossDetection) {
        return transfer(seed, bytesEachWay, bytesEachWay, impairments, c -> c.sack(sack).lossDetection(lossDetection));
    }

    /** {@code bytesAtoB} from the connecting side A, {@code bytesBtoA} back, with the config {@code configure} makes. */
    private static Result transfer(long seed, long bytesAtoB, long bytesBtoA, SimulatedPath.Impairments impairments,
                                   UnaryOperator<TcpConfig.Builder> configure) {
        VirtualClock clock = new VirtualClock(0);
        SimulatedPath path = new SimulatedPath(clock, seed, impairments);
        TcpLayer[] toA = new TcpLayer[1];
        TcpLayer[] toB = new TcpLayer[1];
        TcpConfig.Builder config = TcpConfig.builder().msl(Duration.ofSeconds(1)).receiveBufferSize(128 * 1024)
                .sendBufferSize(128 * 1024).maxRetransmissions(30);
        configure.apply(config);
        // ISS near 2^32 and near 2^31: sequence numbers wrap during the transfer.
        TcpLayer a = new TcpLayer(path.output(toB), config.fixedIss(0xFFFF_F000).build(), clock, TcpEventSink.NONE);
        TcpLayer b = new TcpLayer(path.output(toA), config.fixedIss(0x7FFF_FFF0).build(), clock, TcpEventSink.NONE);
        toA[0] = a;
        toB[0] = b;
        TransferEndpoint client = new TransferEndpoint(seed * 31 + 1, bytesAtoB);
        TransferEndpoint server = new TransferEndpoint(seed * 31 + 2, bytesBtoA);
        b.listen(0, PORT, 8, c -> {
            c.setHandler(server);
            server.onConnected(c);
        });
        a.connect(ADDR_A, 50000, ADDR_B, PORT, client);
        path.run(a, b, () -> a.connectionCount() == 0 && b.connectionCount() == 0, Duration.ofHours(4).toNanos());
        assertEquals(bytesBtoA, client.received, "A received");
        assertEquals(bytesAtoB, server.received, "B received");
        assertEquals(TcpCloseReason.NORMAL, client.closed);
        assertEquals(TcpCloseReason.NORMAL, server.closed);
        return new Result(client.sentDigest(), client.receivedDigest(), server.sentDigest(),
                server.receivedDigest(), clock.nanoTime(), path.sent, a.counters().toString(),
                b.counters().toString(), a.connectionCount(), b.connectionCount(),
                client.connection.stats().timeoutRetransmissions() + server.connection.stats().timeoutRetransmissions(),
                path.wireTrace, a.counters().predictedText() + a.counters().predictedAcks()
                        + b.counters().predictedText() + b.counters().predictedAcks());
    }

    @Test
    void tenMegabytesEachWayOverALossyPath() {
        SimulatedPath.Impairments lossy = new SimulatedPath.Impairments(0.10, 0.02, 0.05,
                Duration.ofMillis(10).toNanos(), Duration.ofMillis(30).toNanos());
        Result r = transfer(42, 10 * 1024 * 1024, lossy);
        assertArrayEquals(r.aSent(), r.bReceived(), "A -> B SHA-256");
        assertArrayEquals(r.bSent(), r.aReceived(), "B -> A SHA-256");
        assertEquals(0, r.leftA());
        assertEquals(0, r.leftB());
    }

    @Test
    void runsReplayExactlyFromTheSeed() {
        SimulatedPath.Impairments lossy = new SimulatedPath.Impairments(0.10, 0.05, 0.10,
                Duration.ofMillis(5).toNanos(), Duration.ofMillis(20).toNanos());
        Result first = transfer(7, 512 * 1024, lossy);
        Result second = transfer(7, 512 * 1024, lossy);
        assertEquals(first.endNanos(), second.endNanos());
        assertEquals(first.segments(), second.segments());
        assertEquals(first.countersA(), second.countersA());
        assertEquals(first.countersB(), second.countersB());
        assertArrayEquals(first.aReceived(), second.aReceived());
    }

    @Test
    void headerPredictionPutsTheSameBytesOnTheWireAtTheSameTimes() {
        SimulatedPath.Impairments lossy = new SimulatedPath.Impairments(0.02, 0.02, 0.05,
                Duration.ofMillis(5).toNanos(), Duration.ofMillis(20).toNanos());
        for (TcpConfig.LossDetection detection : TcpConfig.LossDetection.values()) {
            for (boolean sack : new boolean[] {true, false}) {
                String run = detection + (sack ? ", SACK" : ", no SACK");
                // One way, where prediction applies to the receiver's text and the sender's ACKs.
                Result predicted = transfer(11, 1024 * 1024, 0, lossy, c -> c.sack(sack).lossDetection(detection));
                Result general = transfer(11, 1024 * 1024, 0, lossy,
                        c -> c.sack(sack).lossDetection(detection).headerPrediction(false));
                assertEquals(general.wireTrace(), predicted.wireTrace(), run);
                assertEquals(general.endNanos(), predicted.endNanos(), run);
                assertEquals(0, general.predicted(), run);
                // Loss and reordering keep most segments on the general path; a good share is still predicted.
                assertTrue(predicted.predicted() > predicted.segments() / 10,
                        run + ": " + predicted.countersA() + " " + predicted.countersB());
            }
        }
    }

    @Test
    void sackRecoveryNeedsFewerTimeoutsThanNewReno() {
        SimulatedPath.Impairments lossy = new SimulatedPath.Impairments(0.03, 0.01, 0.25,
                Duration.ofMillis(5).toNanos(), Duration.ofMillis(10).toNanos());
        Result sack = transfer(3, 2 * 1024 * 1024, lossy, true);
        Result newReno = transfer(3, 2 * 1024 * 1024, lossy, false);
        System.out.printf("2 MB each way, 3%% loss: SACK %d timeouts in %.1f s virtual, NewReno %d in %.1f s%n",
                sack.timeoutRetransmissions(), sack.endNanos() / 1e9, newReno.timeoutRetransmissions(),
                newReno.endNanos() / 1e9);
        assertTrue(sack.timeoutRetransmissions() < newReno.timeoutRetransmissions());
    }

    @Test
    void rackKeepsThroughputUnderReorderingWhereDupThreshDoesNot() {
        // 25% of packets held back up to 8 ms on a 20 ms RTT path with 0.5% loss, as the kernel test's link does.
        SimulatedPath.Impairments reordering = new SimulatedPath.Impairments(0.005, 0.01, 0.25,
                Duration.ofMillis(10).toNanos(), Duration.ofMillis(8).toNanos());
        long bytes = 4L << 20;
        Result rack = transfer(17, bytes, reordering, true, TcpConfig.LossDetection.RACK_TLP);
        Result dupThresh = transfer(17, bytes, reordering, true, TcpConfig.LossDetection.DUP_THRESH);
        double rackMbps = bytes * 8 / (rack.endNanos() / 1e9) / 1e6;
        double dupThreshMbps = bytes * 8 / (dupThresh.endNanos() / 1e9) / 1e6;
        System.out.printf("4 MB each way, 25%% reordering: RACK-TLP %.1f Mbit/s (%s), DupThresh %.1f Mbit/s (%s)%n",
                rackMbps, rack.countersA(), dupThreshMbps, dupThresh.countersA());
        assertArrayEquals(rack.aSent(), rack.bReceived());
        assertArrayEquals(rack.bSent(), rack.aReceived());
        assertTrue(rackMbps > 2 * dupThreshMbps, "RACK " + rackMbps + " vs DupThresh " + dupThreshMbps + " Mbit/s");
        Result replay = transfer(17, bytes, reordering, true, TcpConfig.LossDetection.RACK_TLP);
        assertEquals(rack.endNanos(), replay.endNanos(), "seeded: the same run again");
    }

    @Test
    void cleanPathNeedsNoRetransmissions() {
        Result r = transfer(1, 2 * 1024 * 1024, new SimulatedPath.Impairments(0, 0, 0, Duration.ofMillis(20).toNanos(), 0));
        assertArrayEquals(r.aSent(), r.bReceived());
        assertArrayEquals(r.bSent(), r.aReceived());
        assertTrue(r.countersA().contains("rexmit=0,"), r.countersA());
        assertTrue(r.countersB().contains("rexmit=0,"), r.countersB());
    }
}
